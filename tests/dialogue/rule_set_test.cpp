#include "dialogue/rule_set.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "dialogue/rule_set_impl.h"

namespace backcoach::dialogue {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = BACKCOACH_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

// A copy of the real rules/ and intents/ in a fresh temp folder, removed at the end.
class RuleCopy {
 public:
  RuleCopy() {
    std::string pattern = (fs::temp_directory_path() / "backcoach-rules-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) root_ = pattern;
    fs::copy(kSource / "rules", root_ / "rules", fs::copy_options::recursive);
    fs::copy(kSource / "intents", root_ / "intents", fs::copy_options::recursive);
  }
  RuleCopy(const RuleCopy&) = delete;
  RuleCopy& operator=(const RuleCopy&) = delete;
  ~RuleCopy() {
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }

  // Replaces the first `find` in `file` (relative to the copy) by `replace`; false if absent.
  bool edit(const std::string& file, const std::string& find, const std::string& replace) {
    std::string text = read(root_ / file);
    const auto at = text.find(find);
    if (at == std::string::npos) return false;
    write(root_ / file, text.replace(at, find.size(), replace));
    return true;
  }

  // The 1-based line where `anchor` starts (its n-th occurrence, from 0).
  int line_of(const std::string& file, const std::string& anchor, int nth = 0) const {
    const std::string text = read(root_ / file);
    std::size_t at = text.find(anchor);
    for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(anchor, at + 1);
    if (at == std::string::npos) return -1;
    return 1 +
           static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  }

  LoadResult load() const {
    return load_rule_set((root_ / "rules").string(), (root_ / "intents").string());
  }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

struct BrokenCase {
  const char* name;
  const char* file;     // relative to the copy
  const char* find;     // text to replace
  const char* replace;  // what breaks it
  const char* anchor;   // where the diagnostic must point (after the edit)
  int nth;              // which occurrence of the anchor
  const char* message;  // a part of the diagnostic's message
};

const BrokenCase kBroken[] = {
    {"unknown node", "rules/flow.yaml", "go: refer_urgent\n", "go: refer_nowhere\n",
     "when: {tier_at_least: urgent}\n          go: refer_nowhere", 0, "refer_nowhere"},
    {"unknown node action", "rules/flow.yaml", "action: schedule_checkin",
     "action: schedule_chekin", "action: schedule_chekin", 0, "unknown action 'schedule_chekin'"},
    {"unreachable node", "rules/flow.yaml", "    - id: emergency\n",
     "    - id: orphan\n      type: stop\n      text: [\"nobody gets here\"]\n    - id: "
     "emergency\n",
     "id: orphan", 0, "unreachable"},
    {"bad RE2 pattern", "intents/flags_infection_malignancy.yaml", R"('\b(?:sepsis|)",
     "'\\b(?:((sepsis|", "id: recent_infection", 0, "does not compile"},
    {"duplicate id", "intents/flags_soon.yaml", "  - id: tingling\n", "  - id: numbness\n",
     "id: numbness", 1, "duplicate"},
    {"unknown concept in an assembly rule", "intents/flags_cauda_equina.yaml", "saddle_site",
     "saddle_sight", "id: saddle_numbness_site", 0, "saddle_sight"},
    // an entry whose "- " was lost merges its fields into the one above: caught by the
    // repeated field, which yaml-cpp would otherwise leave unread
    {"a field given twice", "intents/context.yaml", "    - category: hypothetical\n",
     "    - category: hypothetical\n      category: hypothetical_again\n",
     "category: hypothetical_again", 0, "field 'category' given twice"},
    {"unknown context category", "intents/context.yaml", "category: hypothetical",
     "category: hypothetic", "category: hypothetic", 0, "unknown context category"},
    {"flag with no tier", "rules/red_flags.yaml",
     "    tier: soon\n    when:\n      any:\n        - {fact: leg_nerve_symptoms}",
     "    when:\n      any:\n        - {fact: leg_nerve_symptoms}", "id: radicular", 0, "no tier"},
    {"unknown intent in a choice", "rules/flow.yaml", "intents: [location_low_back]",
     "intents: [location_lowr_back]", "label: \"Lower back only\"", 0, "location_lowr_back"},
    {"misspelt field", "intents/flags_infection_malignancy.yaml",
     "    counter_examples: [\"no fever\"", "    counter_example: [\"no fever\"",
     "counter_example:", 0, "unknown field 'counter_example'"},
    {"unknown response id", "rules/responses.yaml", "  and: \"and\"\n",
     "  and: \"and\"\n  not_understod: \"Sorry?\"\n", "not_understod:", 0,
     "unknown response 'not_understod'"},
    {"unknown Telegram text id", "rules/telegram.yaml",
     "  card_each_side:", "  card_both_sides: \"Both.\"\n  card_each_side:", "card_both_sides:", 0,
     "unknown Telegram text 'card_both_sides'"},
    // Found by fuzzing (tests/fuzz/corpus/rule_loader/anchors_merge): yaml-cpp threw out of
    // the loader (a subscript on a scalar), which SIGHUP's reload does not catch.
    {"an entry that is not a map", "rules/exercises.yaml", "exercises:\n",
     "exercises:\n  - just a name\n", "- just a name", 0, "unexpected shape"},
    // yaml-cpp notices the unclosed list where the next entry starts
    {"YAML syntax error", "rules/faq.yaml", "faq:\n", "faq:\n  - intent: [unclosed\n",
     "- intent: faq_good_vs_bad_pain", 0, ""},
};

// The Telegram channel says these by id; a set without one would send an empty message.
TEST(RuleSetLoad, AMissingTelegramTextIsAnError) {
  RuleCopy copy;
  ASSERT_TRUE(copy.edit("rules/telegram.yaml", "  forget_no: \"No, keep it\"\n", ""));
  const auto loaded = copy.load();
  EXPECT_FALSE(loaded.ok());
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_EQ(fs::path(loaded.errors[0].file).filename(), "telegram.yaml");
  EXPECT_EQ(loaded.errors[0].message, "missing Telegram text 'forget_no'");
}

TEST(RuleSetLoad, TheRealRulesLoadAndEveryIntentExampleBehaves) {
  const auto loaded = load_rule_set((kSource / "rules").string(), (kSource / "intents").string());
  for (const auto& d : loaded.errors) ADD_FAILURE() << d.to_string();
  ASSERT_TRUE(loaded.ok());
  // 18 with renal_colic and shingles (intents/flags_mimics.yaml)
  EXPECT_EQ(loaded.rules->flag_ids().size(), 18u);
  EXPECT_EQ(loaded.rules->exercise_ids().size(), 10u);
  EXPECT_FALSE(loaded.rules->exercise_card("plank").is_null());
  EXPECT_TRUE(loaded.rules->exercise_card("no_such_exercise").is_null());
  EXPECT_NE(loaded.rules->telegram_text("help").find("/forget"), std::string::npos);
  EXPECT_EQ(loaded.rules->telegram_text("no_such_text"), "");
  for (const auto& d : check_examples(*loaded.rules)) ADD_FAILURE() << d.to_string();
}

// The copy, edited in intents/flags_soon.yaml, loads; what check_examples says of it.
std::vector<Diagnostic> example_problems(RuleCopy& copy, const std::string& find,
                                         const std::string& replace) {
  EXPECT_TRUE(copy.edit("intents/flags_soon.yaml", find, replace)) << "the real rules changed";
  const auto loaded = copy.load();
  EXPECT_TRUE(loaded.ok());
  return loaded.ok() ? check_examples(*loaded.rules) : std::vector<Diagnostic>{};
}

// Loading leaves the examples to check_examples, which names the intent and its file (a
// clean load is unmarked: no line); the checked load refuses the set and says the line.
TEST(RuleSetLoad, AnExampleThatIsNotReadIsReportedByTheChecksAtItsIntent) {
  RuleCopy copy;
  const auto problems = example_problems(copy, "examples: [\"tingling\", \"pins and needles\"",
                                         "examples: [\"tingling\", \"purple elephants\"");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(fs::path(problems[0].file).filename(), "flags_soon.yaml");
  EXPECT_NE(problems[0].message.find("intent 'tingling'"), std::string::npos);
  EXPECT_NE(problems[0].message.find("example \"purple elephants\""), std::string::npos);

  const auto checked =
      load_checked_rule_set((copy.root() / "rules").string(), (copy.root() / "intents").string());
  EXPECT_FALSE(checked.ok());
  ASSERT_EQ(checked.errors.size(), 1u);
  EXPECT_EQ(checked.errors[0].message, problems[0].message);
  EXPECT_EQ(fs::path(checked.errors[0].file).filename(), "flags_soon.yaml");
  EXPECT_EQ(checked.errors[0].line, copy.line_of("intents/flags_soon.yaml", "- id: tingling"));
}

TEST(RuleSetLoad, ACounterExampleThatIsReadAsAffirmedIsReported) {
  RuleCopy copy;
  const auto problems = example_problems(copy, "counter_examples: [\"no tingling\"",
                                         "counter_examples: [\"tingling all day\"");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("counter-example \"tingling all day\""), std::string::npos);
}

TEST(RuleSetLoad, EachBreakageIsReportedAtItsFileLineAndColumn) {
  for (const auto& c : kBroken) {
    SCOPED_TRACE(c.name);
    RuleCopy copy;
    ASSERT_TRUE(copy.edit(c.file, c.find, c.replace)) << "the real rules changed; update the case";
    const auto loaded = copy.load();
    EXPECT_FALSE(loaded.ok());
    ASSERT_FALSE(loaded.errors.empty());
    const int line = copy.line_of(c.file, c.anchor, c.nth);
    const std::string file = fs::path(c.file).filename().string();
    bool found = false;
    for (const auto& d : loaded.errors) {
      found = found || (fs::path(d.file).filename() == file && d.line == line && d.column > 0 &&
                        d.message.find(c.message) != std::string::npos);
    }
    std::string all;
    for (const auto& d : loaded.errors) all += d.to_string() + "\n";
    EXPECT_TRUE(found) << "expected " << file << ":" << line << ":<col>: ..." << c.message
                       << "\ngot:\n"
                       << all;
  }
}

TEST(RuleSetLoad, AMissingFolderIsAnErrorNotACrash) {
  const auto loaded = load_rule_set("/nonexistent/rules", "/nonexistent/intents");
  EXPECT_FALSE(loaded.ok());
  EXPECT_FALSE(loaded.errors.empty());
}

// Every diagnostic names the folder (not "rules/:1:1"), whether its files or the folder
// itself were deleted.
TEST(RuleSetLoad, ADeletedRulesFolderIsNamedByItsPath) {
  for (const bool whole_folder : {false, true}) {
    RuleCopy copy;
    const auto rules = copy.root() / "rules";
    for (const auto& entry : fs::directory_iterator(rules)) fs::remove_all(entry.path());
    if (whole_folder) fs::remove(rules);
    const auto loaded = copy.load();
    ASSERT_FALSE(loaded.errors.empty());
    for (const auto& e : loaded.errors) {
      EXPECT_EQ(e.to_string().rfind(rules.string() + ": ", 0), 0u) << e.to_string();
    }
  }
}

TEST(RuleSetLoad, DiagnosticReadsAsFileLineColumn) {
  RuleCopy copy;
  ASSERT_TRUE(copy.edit("rules/flow.yaml", "go: refer_urgent\n", "go: refer_nowhere\n"));
  const auto loaded = copy.load();
  ASSERT_FALSE(loaded.errors.empty());
  const std::string s = loaded.errors.front().to_string();
  EXPECT_NE(s.find("flow.yaml:"), std::string::npos) << s;
  EXPECT_NE(s.find(":" + std::to_string(loaded.errors.front().line) + ":"), std::string::npos) << s;
}

}  // namespace
}  // namespace backcoach::dialogue
