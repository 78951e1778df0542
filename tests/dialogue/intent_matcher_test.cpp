#include "dialogue/intent_matcher.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "dialogue/rule_set.h"
#include "dialogue/rule_set_impl.h"

namespace backcoach::dialogue {
namespace {

enum class Seen { kAffirmed, kNegated, kUncertain, kAbsent };

const char* to_string(Seen s) {
  switch (s) {
    case Seen::kAffirmed: return "affirmed";
    case Seen::kNegated: return "negated";
    case Seen::kUncertain: return "uncertain";
    case Seen::kAbsent: return "absent";
  }
  return "?";
}

struct Found {
  Seen seen = Seen::kAbsent;
  std::optional<double> value;
};

Found find_hit(const IntentMatcher& m, const std::vector<IntentHit>& hits, const std::string& id) {
  for (const auto& h : hits) {
    if (m.intents()[h.intent].id != id) continue;
    return {h.negated ? Seen::kNegated : h.uncertain ? Seen::kUncertain : Seen::kAffirmed, h.value};
  }
  return {};
}

IntentDef intent(std::string id, IntentKind kind, std::vector<std::string> patterns) {
  IntentDef d;
  d.id = std::move(id);
  d.kind = kind;
  d.patterns = std::move(patterns);
  d.facts = {d.id};
  return d;
}

IntentDef number(std::string id, std::string slot, std::string pattern, double scale = 1.0,
                 std::optional<double> value = std::nullopt) {
  IntentDef d = intent(std::move(id), IntentKind::kNumber, {std::move(pattern)});
  d.number = std::move(slot);
  d.scale = scale;
  d.value = value;
  return d;
}

// A small, hermetic matcher: the negation logic is tested apart from the real intents.
class SmallMatcher : public ::testing::Test {
 protected:
  SmallMatcher() : matcher_(intents(), negation()) {}

  static std::vector<IntentDef> intents() {
    return {
        intent("numbness", IntentKind::kSymptom, {R"(\bnumb\w*\b)"}),
        intent("tingling", IntentKind::kSymptom, {R"(\btingl\w*\b)"}),
        intent("fever", IntentKind::kSymptom, {R"(\bfever\b)"}),
        intent("worse_with_stretch", IntentKind::kSymptom,
               {R"(\bstretch\w*\b[^.,;!?]{0,30}\bworse\b)"}),
        intent("saddle", IntentKind::kSymptom, {R"(\bcan not feel\b[^.]{0,30}\bwipe\b)"}),
        intent("yes", IntentKind::kAnswer, {R"(\byes\b)"}),
        number("age", "age", R"(\b(\d{1,3}) years old\b)"),
        number("days", "duration_weeks", R"(\b(\d+) days?\b)", 1.0 / 7),
        number("recent", "duration_weeks", R"(\bsince yesterday\b)", 1.0, 0.15),
    };
  }
  static NegationConfig negation() {
    NegationConfig n;
    n.negation_cues = {R"(\bno\b)", R"(\bnot\b)", R"(\bnever\b)", R"(\bwithout\b)"};
    n.uncertainty_cues = {R"(\bmaybe\b)", R"(\bnot sure\b)", R"(\bkinda\b)", R"(\bi think\b)"};
    n.terminators = {R"([.,;:!?])", R"(\bbut\b)", R"(\bhowever\b)"};
    n.max_scope_words = 6;
    return n;
  }

  IntentMatcher matcher_;
};

struct ScopeCase {
  const char* text;  // already normalised
  const char* intent;
  Seen expected;
};

TEST_F(SmallMatcher, NegationUncertaintyAndTerminators) {
  ASSERT_TRUE(matcher_.ok());
  const ScopeCase cases[] = {
      {"numb", "numbness", Seen::kAffirmed},
      {"no numbness", "numbness", Seen::kNegated},
      {"i do not have any numbness", "numbness", Seen::kNegated},
      {"never had numbness", "numbness", Seen::kNegated},
      {"without numbness or fever", "fever", Seen::kNegated},
      // "but" ends the scope: tingling fires, numbness does not
      {"not numb but tingly", "numbness", Seen::kNegated},
      {"not numb but tingly", "tingling", Seen::kAffirmed},
      {"no numbness however tingling", "tingling", Seen::kAffirmed},
      // punctuation ends the scope
      {"no fever . numb feet", "numbness", Seen::kAffirmed},
      {"no fever , numb feet", "numbness", Seen::kAffirmed},
      // the scope is six words long
      {"no problems with my back at all really and numb", "numbness", Seen::kAffirmed},
      {"no problems with my back and numb", "numbness", Seen::kNegated},
      // an affirmed occurrence wins over a negated one
      {"no numbness in my back , but my foot is numb", "numbness", Seen::kAffirmed},
      // hedges
      {"maybe numb", "numbness", Seen::kUncertain},
      {"i think i am numb", "numbness", Seen::kUncertain},
      {"kinda tingly", "tingling", Seen::kUncertain},
      {"not sure about numbness", "numbness", Seen::kUncertain},
      // a cue inside the match negates it ("stretching does not make it worse") ...
      {"stretching does not make it worse", "worse_with_stretch", Seen::kNegated},
      {"stretching makes it worse", "worse_with_stretch", Seen::kAffirmed},
      // ... unless the pattern spells the negation itself
      {"i can not feel it when i wipe", "saddle", Seen::kAffirmed},
      // answers are never negated: "no" is an answer of its own
      {"no , yes", "yes", Seen::kAffirmed},
      {"numbness", "fever", Seen::kAbsent},
  };
  for (const auto& c : cases) {
    const auto hits = matcher_.match(c.text);
    EXPECT_EQ(find_hit(matcher_, hits, c.intent).seen, c.expected)
        << "\"" << c.text << "\" -> " << c.intent << " should be " << to_string(c.expected)
        << ", was " << to_string(find_hit(matcher_, hits, c.intent).seen);
  }
}

TEST_F(SmallMatcher, CapturesNumbersAndScalesThem) {
  struct Case { const char* text; const char* intent; double value; };
  const Case cases[] = {
      {"i am 45 years old", "age", 45},
      {"for 14 days now", "days", 2},
      {"since yesterday", "recent", 0.15},
      {"not 45 years old", "age", 45},  // numbers are not negated; the engine decides
  };
  for (const auto& c : cases) {
    const auto f = find_hit(matcher_, matcher_.match(c.text), c.intent);
    ASSERT_TRUE(f.value.has_value()) << c.text;
    EXPECT_NEAR(*f.value, c.value, 1e-9) << c.text;
  }
}

TEST_F(SmallMatcher, HitsComeInTextOrderOncePerIntent) {
  const auto hits = matcher_.match("tingling and fever and more tingling");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(matcher_.intents()[hits[0].intent].id, "tingling");
  EXPECT_EQ(matcher_.intents()[hits[1].intent].id, "fever");
  EXPECT_TRUE(matcher_.match("").empty());
}

TEST(IntentMatcherErrors, ABadPatternIsReportedWithItsPlace) {
  NegationConfig n;
  n.negation_cues = {R"(\bno\b)"};
  IntentMatcher m({intent("ok", IntentKind::kSymptom, {"fine"}),
                   intent("broken", IntentKind::kSymptom, {"fine", "(unclosed"})},
                  n);
  EXPECT_FALSE(m.ok());
  ASSERT_EQ(m.errors().size(), 1u);
  EXPECT_EQ(m.errors()[0].intent, 1u);
  EXPECT_EQ(m.errors()[0].pattern, 1u);
  EXPECT_FALSE(m.errors()[0].why.empty());
}

// The real intents through the real normaliser, with the phrasings the issue names.
class RealIntents : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string root = BACKCOACH_SOURCE_DIR;
    auto loaded = load_rule_set(root + "/rules", root + "/intents");
    for (const auto& d : loaded.errors) ADD_FAILURE() << d.to_string();
    rules_ = loaded.rules;
  }
  static void TearDownTestSuite() { rules_.reset(); }

  Found find(const std::string& text, const std::string& id) const {
    const auto& impl = rules_->impl();
    const std::string norm = impl.normalizer->normalize(text);
    return find_hit(*impl.matcher, impl.matcher->match(norm), id);
  }

  static std::shared_ptr<const RuleSet> rules_;
};

std::shared_ptr<const RuleSet> RealIntents::rules_;

TEST_F(RealIntents, NegationsFromTheIssue) {
  ASSERT_NE(rules_, nullptr);
  const ScopeCase cases[] = {
      {"no numbness", "numbness", Seen::kNegated},
      {"I don't have any weakness", "no", Seen::kAffirmed},
      {"I don't have any weakness", "yes", Seen::kAbsent},
      {"never had bladder trouble", "bladder_dysfunction", Seen::kNegated},
      {"not numb but tingly", "numbness", Seen::kNegated},
      {"not numb but tingly", "tingling", Seen::kAffirmed},
      {"stretching doesn't make it worse", "worse_with_stretch", Seen::kNegated},
      {"stretching makes it worse", "worse_with_stretch", Seen::kAffirmed},
      {"I can't feel the toilet paper when I wipe", "saddle_numbness", Seen::kAffirmed},
      {"no fever or chills", "fever", Seen::kNegated},
      {"idk", "unsure", Seen::kAffirmed},
      {"kinda", "unsure", Seen::kAffirmed},
      {"not sure", "no", Seen::kAbsent},
      {"maybe numb down there", "saddle_numbness", Seen::kUncertain},
      {"I dont have a fever", "fever", Seen::kNegated},
  };
  for (const auto& c : cases) {
    const Found f = find(c.text, c.intent);
    EXPECT_EQ(f.seen, c.expected) << "\"" << c.text << "\" -> " << c.intent << " should be "
                                  << to_string(c.expected) << ", was " << to_string(f.seen);
  }
}

TEST_F(RealIntents, NumbersInDigitsAndWords) {
  struct Case { const char* text; const char* intent; double value; };
  const Case cases[] = {
      {"seven out of ten", "pain_score", 7},
      {"7/10", "pain_score", 7},
      {"I'm 45 years old", "age_stated", 45},
      {"I'm 45 and my back hurts", "age_stated", 45},
      {"about two weeks", "duration_weeks", 2},
      {"for 14 days", "duration_days", 2},
      {"4 months", "duration_months", 4 * 4.345},
  };
  for (const auto& c : cases) {
    const Found f = find(c.text, c.intent);
    ASSERT_TRUE(f.value.has_value()) << c.text << " -> " << c.intent;
    EXPECT_NEAR(*f.value, c.value, 0.01) << c.text;
  }
}

}  // namespace
}  // namespace backcoach::dialogue
