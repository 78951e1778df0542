#include "dialogue/intent_matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "dialogue/rule_set.h"
#include "dialogue/rule_set_impl.h"

namespace backcoach::dialogue {
namespace {

enum class Seen { kAffirmed, kNegated, kUncertain, kIgnored, kAbsent };

const char* to_string(Seen s) {
  switch (s) {
    case Seen::kAffirmed:
      return "affirmed";
    case Seen::kNegated:
      return "negated";
    case Seen::kUncertain:
      return "uncertain";
    case Seen::kIgnored:
      return "ignored (hypothetical, past or someone else's)";
    case Seen::kAbsent:
      return "absent";
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
    return {h.ignored()   ? Seen::kIgnored
            : h.negated   ? Seen::kNegated
            : h.uncertain ? Seen::kUncertain
                          : Seen::kAffirmed,
            h.value};
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

// A small, hermetic matcher: the ConText logic is tested apart from the real intents.
ModifierRule modifier(Modifier category, Direction direction, std::vector<std::string> patterns,
                      int max_words = 6, std::vector<std::string> pseudo = {},
                      std::vector<std::string> terminators = {}) {
  ModifierRule r;
  r.category = category;
  r.direction = direction;
  r.patterns = std::move(patterns);
  r.max_words = max_words;
  r.pseudo = std::move(pseudo);
  r.terminators = std::move(terminators);
  return r;
}

ContextConfig small_context() {
  ContextConfig c;
  c.sentence_ends = {R"([.!?])"};
  c.clause_ends = {R"([,;])"};
  c.terminators = {R"(\bbut\b)", R"(\bhowever\b)"};
  c.modifiers = {
      modifier(kNegated, Direction::kForward,
               {R"(\bno\b)", R"(\bnot\b)", R"(\bnever\b)", R"(\bwithout\b)"}, 6,
               {R"(\bno better\b)", R"(\bnot only\b)"}, {R"(, (?:i|my)\b)"}),
      modifier(kNegated, Direction::kBackward, {R"(\b(?:is|are) fine\b)"}),
      modifier(
          kPossible, Direction::kForward,
          {R"(\bmaybe\b)", R"(\bnot sure\b)", R"(\bkinda\b)", R"(\bi think\b)", R"(\bsort of\b)"},
          6, {R"(\ba sort of\b)"}),
      modifier(kHypothetical, Direction::kForward, {R"(\bwhat if\b)"}, 10),
      modifier(kHistorical, Direction::kBoth, {R"(\b\d+ years ago\b)", R"(\bgone now\b)"}, 8,
               {R"(\bstarted \d+ years ago\b)"}),
      modifier(kOtherPerson, Direction::kForward, {R"(\bmy mum had\b)"}, 8),
  };
  return c;
}

AssemblyRule assembly(std::string id, std::vector<std::vector<std::string>> all, bool clause,
                      std::string fact) {
  AssemblyRule r;
  r.id = std::move(id);
  r.all = std::move(all);
  r.within_clause = clause;
  r.facts = {std::move(fact)};
  return r;
}

class SmallMatcher : public ::testing::Test {
 protected:
  SmallMatcher() : matcher_(intents(), small_context(), rules()) {}

  static std::vector<IntentDef> intents() {
    IntentDef cancer = intent("cancer_history", IntentKind::kSymptom, {R"(\bcancer\b)"});
    cancer.ignores = kHistorical;
    return {
        intent("numbness", IntentKind::kSymptom, {R"(\bnumb\w*\b)"}),
        intent("tingling", IntentKind::kSymptom, {R"(\btingl\w*\b)"}),
        intent("fever", IntentKind::kSymptom, {R"(\bfever\b)"}),
        intent("weakness", IntentKind::kSymptom, {R"(\bweak\w*\b)"}),
        intent("bladder", IntentKind::kSymptom, {R"(\bwaterworks\b)"}),
        intent("throbbing", IntentKind::kSymptom, {R"(\bthrobbing\b)"}),
        intent("sciatica", IntentKind::kSymptom, {R"(\bsciatica\b)"}),
        cancer,
        intent("worse_with_stretch", IntentKind::kSymptom,
               {R"(\bstretch\w*\b[^.,;!?]{0,30}\bworse\b)"}),
        intent("saddle", IntentKind::kSymptom, {R"(\bcan not feel\b[^.]{0,30}\bwipe\b)"}),
        intent("yes", IntentKind::kAnswer, {R"(\byes\b)"}),
        intent("sensory_loss", IntentKind::kConcept, {R"(\bnumb\w*\b)", R"(\bcan not feel\b)"}),
        intent("saddle_site", IntentKind::kConcept, {R"(\b(?:bum|bottom|toilet paper)\b)"}),
        intent("leg_symptom", IntentKind::kConcept, {R"(\b(?:pain|numb\w*|tingl\w*)\b)"}),
        intent("both_sides", IntentKind::kConcept, {R"(\bboth (?:legs|sides)\b)"}),
        number("age", "age", R"(\b(\d{1,3}) years old\b)"),
        number("days", "duration_weeks", R"(\b(\d+) days?\b)", 1.0 / 7),
        number("recent", "duration_weeks", R"(\bsince yesterday\b)", 1.0, 0.15),
        number("months", "duration_weeks", R"(\b(\d+) months?\b)", 4.345),
        number("since_birth", "time_since_birth", R"(\b(\d+) months? postpartum\b)"),
    };
  }
  static std::vector<AssemblyRule> rules() {
    return {
        assembly("saddle_numbness", {{"sensory_loss"}, {"saddle_site"}}, false, "saddle_numbness"),
        assembly("bilateral", {{"leg_symptom"}, {"both_sides"}}, true, "bilateral")};
  }

  IntentMatcher matcher_;
};

struct ScopeCase {
  const char* text;  // already normalised
  const char* intent;
  Seen expected;
};

void expect_cases(const IntentMatcher& m, const std::vector<ScopeCase>& cases) {
  for (const auto& c : cases) {
    const auto hits = m.match(c.text).hits;
    EXPECT_EQ(find_hit(m, hits, c.intent).seen, c.expected)
        << "\"" << c.text << "\" -> " << c.intent << " should be " << to_string(c.expected)
        << ", was " << to_string(find_hit(m, hits, c.intent).seen);
  }
}

TEST_F(SmallMatcher, NegationScopeDirectionAndTerminators) {
  ASSERT_TRUE(matcher_.ok());
  ASSERT_TRUE(matcher_.rule_errors().empty());
  expect_cases(matcher_,
               {
                   {"numb", "numbness", Seen::kAffirmed},
                   {"no numbness", "numbness", Seen::kNegated},
                   {"i do not have any numbness", "numbness", Seen::kNegated},
                   {"never had numbness", "numbness", Seen::kNegated},
                   {"without numbness or fever", "fever", Seen::kNegated},
                   // a list of denials goes on across commas ...
                   {"no numbness , tingling or fever", "tingling", Seen::kNegated},
                   {"no numbness , tingling or fever", "fever", Seen::kNegated},
                   // ... until a new clause starts, or "but"
                   {"no fever , my legs feel weak", "weakness", Seen::kAffirmed},
                   {"not numb but tingly", "numbness", Seen::kNegated},
                   {"not numb but tingly", "tingling", Seen::kAffirmed},
                   {"no numbness however tingling", "tingling", Seen::kAffirmed},
                   {"no fever . numb feet", "numbness", Seen::kAffirmed},
                   // the scope is six words long
                   {"no problems with my back at all really and numb", "numbness", Seen::kAffirmed},
                   {"no problems with my back and numb", "numbness", Seen::kNegated},
                   // backward triggers: "waterworks are fine"
                   {"waterworks are fine", "bladder", Seen::kNegated},
                   // pseudo-triggers are not triggers
                   {"no better and my legs are weak", "weakness", Seen::kAffirmed},
                   {"not only my back , my legs are weak", "weakness", Seen::kAffirmed},
                   // an affirmed mention wins over a negated one
                   {"no numbness in my back , but my foot is numb", "numbness", Seen::kAffirmed},
                   // a cue inside the match negates it ("stretching does not make it worse") ...
                   {"stretching does not make it worse", "worse_with_stretch", Seen::kNegated},
                   {"stretching makes it worse", "worse_with_stretch", Seen::kAffirmed},
                   // ... unless the pattern spells the word itself
                   {"i can not feel it when i wipe", "saddle", Seen::kAffirmed},
                   // answers are never modified: "no" is an answer of its own
                   {"no , yes", "yes", Seen::kAffirmed},
                   {"numbness", "fever", Seen::kAbsent},
               });
}

// The set is given x* for a counted x{m,n}, so it fires on a gap too long; the pattern's
// own RE2 keeps the bound, and a gap of more than 30 characters finds nothing.
TEST_F(SmallMatcher, ABoundedGapKeepsItsBoundThoughTheSetIsWider) {
  expect_cases(
      matcher_,
      {
          {"stretching in the morning makes it worse", "worse_with_stretch", Seen::kAffirmed},
          {"stretching every morning before work and after the school run leaves it worse",
           "worse_with_stretch", Seen::kAbsent},
      });
}

TEST_F(SmallMatcher, HedgesAreUncertainButADescriptionIsNot) {
  expect_cases(matcher_, {
                             {"maybe numb", "numbness", Seen::kUncertain},
                             {"i think i am numb", "numbness", Seen::kUncertain},
                             {"kinda tingly", "tingling", Seen::kUncertain},
                             {"not sure about numbness", "numbness", Seen::kUncertain},
                             {"he has a sort of throbbing", "throbbing", Seen::kAffirmed},
                             {"sort of throbbing", "throbbing", Seen::kUncertain},
                         });
}

TEST_F(SmallMatcher, HypotheticalPastAndOtherPeopleAreNotFindings) {
  expect_cases(matcher_, {
                             {"what if i go numb", "numbness", Seen::kIgnored},
                             {"had sciatica 10 years ago", "sciatica", Seen::kIgnored},
                             {"sciatica , gone now", "sciatica", Seen::kIgnored},
                             {"my sciatica started 10 years ago", "sciatica", Seen::kAffirmed},
                             {"my mum had cancer", "cancer_history", Seen::kIgnored},
                             // an intent about the past ignores the historical modifier
                             {"i had cancer 10 years ago", "cancer_history", Seen::kAffirmed},
                             {"my mum had cancer . i am numb", "numbness", Seen::kAffirmed},
                         });
}

TEST_F(SmallMatcher, AssemblyCombinesConceptsWithinASentenceOrClause) {
  expect_cases(matcher_,
               {
                   {"i can not feel the toilet paper", "saddle_numbness", Seen::kAffirmed},
                   {"my bottom is numb", "saddle_numbness", Seen::kAffirmed},
                   {"my bottom hurts . my foot is numb", "saddle_numbness", Seen::kAbsent},
                   {"no numbness around my bottom", "saddle_numbness", Seen::kNegated},
                   {"what if my bum goes numb", "saddle_numbness", Seen::kIgnored},
                   {"pain down both legs", "bilateral", Seen::kAffirmed},
                   {"pain in my back , both sides are stiff", "bilateral", Seen::kAbsent},
               });
  // concepts themselves set nothing
  const auto hits = matcher_.match("my bottom is numb").hits;
  EXPECT_EQ(find_hit(matcher_, hits, "saddle_site").seen, Seen::kAbsent);
  EXPECT_EQ(find_hit(matcher_, matcher_.match("my bottom is numb").concepts, "saddle_site").seen,
            Seen::kAffirmed);
}

TEST_F(SmallMatcher, CapturesNumbersAndScalesThem) {
  struct Case {
    const char* text;
    const char* intent;
    double value;
  };
  const Case cases[] = {
      {"i am 45 years old", "age", 45},
      {"for 14 days now", "days", 2},
      {"since yesterday", "recent", 0.15},
  };
  for (const auto& c : cases) {
    const auto f = find_hit(matcher_, matcher_.match(c.text).hits, c.intent);
    ASSERT_TRUE(f.value.has_value()) << c.text;
    EXPECT_NEAR(*f.value, c.value, 1e-9) << c.text;
  }
}

// The widest reading of the same digits wins: "4 months postpartum" is time since the
// birth, so no duration is read from it; the same words elsewhere in the message are.
TEST_F(SmallMatcher, ANumberTakesOnlyItsWidestReading) {
  const auto postpartum = matcher_.match("4 months postpartum and my back hurts").hits;
  EXPECT_TRUE(find_hit(matcher_, postpartum, "since_birth").value.has_value());
  EXPECT_FALSE(find_hit(matcher_, postpartum, "months").value.has_value());

  const auto both = matcher_.match("4 months postpartum , back pain for 2 months").hits;
  const auto span = find_hit(matcher_, both, "months");
  ASSERT_TRUE(span.value.has_value());
  EXPECT_NEAR(*span.value, 2 * 4.345, 1e-9);
}

// A modifier with `within: message` looks back over the sentence before it; the same cue
// with the default scope stops at the sentence end.
TEST(IntentMatcherScope, AMessageScopeCrossesTheSentenceEnd) {
  const std::string told = "my foot had tingling. it went after a minute";
  for (const bool within_message : {false, true}) {
    ContextConfig c = small_context();
    ModifierRule resolved =
        modifier(kHistorical, Direction::kBackward, {R"(\bit went after a minute\b)"}, 30);
    resolved.within_message = within_message;
    c.modifiers.push_back(resolved);
    const IntentMatcher m({intent("tingling", IntentKind::kSymptom, {R"(\btingl\w*\b)"})}, c, {});
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(find_hit(m, m.match(told).hits, "tingling").seen,
              within_message ? Seen::kIgnored : Seen::kAffirmed)
        << "within_message " << within_message;
  }
}

TEST_F(SmallMatcher, HitsComeInTextOrderOncePerIntent) {
  const auto hits = matcher_.match("tingling and fever and more tingling").hits;
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(matcher_.intents()[hits[0].intent].id, "tingling");
  EXPECT_EQ(matcher_.intents()[hits[1].intent].id, "fever");
  EXPECT_TRUE(matcher_.match("").hits.empty());
}

TEST(IntentMatcherErrors, ABadPatternIsReportedWithItsPlace) {
  IntentMatcher m({intent("ok", IntentKind::kSymptom, {"fine"}),
                   intent("broken", IntentKind::kSymptom, {"fine", "(unclosed"})},
                  small_context(), {});
  EXPECT_FALSE(m.ok());
  ASSERT_EQ(m.errors().size(), 1u);
  EXPECT_EQ(m.errors()[0].intent, 1u);
  EXPECT_EQ(m.errors()[0].pattern, 1u);
  EXPECT_FALSE(m.errors()[0].why.empty());
}

TEST(IntentMatcherErrors, ABadTriggerOrUnknownConceptIsAnError) {
  ContextConfig c = small_context();
  c.modifiers.push_back(modifier(kNegated, Direction::kForward, {"(unclosed"}));
  IntentMatcher bad_trigger({intent("ok", IntentKind::kSymptom, {"fine"})}, c, {});
  EXPECT_FALSE(bad_trigger.rule_errors().empty());
  // A pseudo-trigger is in no set, but its syntax is still checked at load.
  ContextConfig p = small_context();
  p.modifiers.push_back(modifier(kNegated, Direction::kForward, {R"(\bno\b)"}, 6, {"no (better"}));
  IntentMatcher bad_pseudo({intent("ok", IntentKind::kSymptom, {"fine"})}, p, {});
  ASSERT_EQ(bad_pseudo.rule_errors().size(), 1u);
  EXPECT_NE(bad_pseudo.rule_errors()[0].why.find("pseudo-trigger"), std::string::npos);
  IntentMatcher bad_rule({intent("ok", IntentKind::kConcept, {"fine"})}, small_context(),
                         {assembly("x", {{"ok"}, {"missing"}}, false, "x")});
  ASSERT_EQ(bad_rule.rule_errors().size(), 1u);
  EXPECT_NE(bad_rule.rule_errors()[0].why.find("missing"), std::string::npos);
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

  // How `id` — an intent, or a fact that intents and assembly rules set — was read.
  Found find(const std::string& text, const std::string& id) const {
    const auto& impl = rules_->impl();
    const auto& intents = impl.matcher->intents();
    const auto hits = impl.matcher->match(impl.normalizer->normalize(text)).hits;
    Found best;
    auto rank = [](Seen s) { return static_cast<int>(s); };
    for (const auto& h : hits) {
      const IntentDef& d = intents[h.intent];
      const bool sets = std::find(d.facts.begin(), d.facts.end(), id) != d.facts.end();
      if (d.id != id && !sets) continue;
      const Found f = find_hit(*impl.matcher, {h}, d.id);
      if (best.seen == Seen::kAbsent || rank(f.seen) < rank(best.seen)) best = f;
    }
    return best;
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
  struct Case {
    const char* text;
    const char* intent;
    double value;
  };
  const Case cases[] = {
      {"seven out of ten", "pain_score", 7},      {"7/10", "pain_score", 7},
      {"I'm 45 years old", "age_stated", 45},     {"I'm 45 and my back hurts", "age_stated", 45},
      {"about two weeks", "duration_weeks", 2},   {"for 14 days", "duration_days", 2},
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
