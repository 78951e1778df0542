#include "dialogue/normalizer_config.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "common/yaml_diag.h"
#include "dialogue/normalizer.h"

namespace backcoach::dialogue {
namespace {

struct Loaded {
  bool ok = false;
  NormalizerConfig config;
  std::vector<Diagnostic> errors;
};

Loaded load(const std::string& yaml) {
  Loaded r;
  r.ok = load_normalizer_config(YAML::Load(yaml), YamlDiag("norm.yaml", &r.errors), r.config);
  return r;
}

TEST(NormalizerConfigTest, TheShippedFileLoadsCleanly) {
  const std::string path = std::string(BACKCOACH_SOURCE_DIR) + "/intents/normalization.yaml";
  std::vector<Diagnostic> errors;
  NormalizerConfig config;
  EXPECT_TRUE(load_normalizer_config(YAML::LoadFile(path), YamlDiag(path, &errors), config));
  for (const Diagnostic& d : errors) ADD_FAILURE() << d.to_string();
  EXPECT_EQ(config.words.at("dont"), "do not");
  EXPECT_EQ(config.number_words.at("twenty"), 20);
  EXPECT_EQ(config.characters.at(U'\u2019'), "'");
  EXPECT_EQ(config.fraction_canonical, "out of");
}

TEST(NormalizerConfigTest, ReadsEverySection) {
  const Loaded r = load(R"(
characters: {"\u2019": "'"}
contractions: {"don't": do not}
slang: {u: you}
typos: {pian: pain}
contraction_suffixes: {"n't": not}
known_words: [so]
phrases: {a week: 1 week}
numbers:
  words: {seven: 7, twenty: 20, hundred: 100}
  articles: [a]
  conjunctions: [and]
  ordinal_suffixes: [rd]
  fraction_separators: ["/"]
  fraction_canonical: out of
)");
  ASSERT_TRUE(r.ok);
  const Normalizer n(r.config);
  EXPECT_EQ(n.normalize("U don\u2019t, pian sooo 3rd twenty seven/a hundred and seven"),
            "you do not , pain so 3rd 27 out of 107");
}

struct BadCase {
  const char* name;
  const char* yaml;
  int line;
  int column;
  const char* says;  // part of the message
};

const BadCase kBad[] = {
    {"not a mapping", "- a\n- b\n", 1, 1, "mapping of sections"},
    {"unknown section", "typos: {}\nwords: {a: b}\n", 2, 1, "unknown section 'words'"},
    {"section not a map", "typos: [a, b]\n", 1, 8, "expected a mapping"},
    {"upper-case key", "typos:\n  Pian: pain\n", 2, 3, "not a single normalised token"},
    {"key of two words", "slang:\n  lower back: back\n", 2, 3, "not a single normalised token"},
    {"key split by the tokenizer", "slang:\n  w/o: without\n", 2, 3, "sees 'w / o'"},
    {"replacement not canonical", "slang:\n  u: You\n", 2, 6, "not canonical"},
    {"word rewritten twice", "slang:\n  u: you\ntypos:\n  u: your\n", 4, 3,
     "already rewritten at line 2"},
    {"character key too long", "characters:\n  \"ab\": x\n", 2, 3, "exactly one character"},
    {"phrase of one word", "phrases:\n  week: 1 week\n", 2, 3, "fewer than 2 words"},
    {"phrase not canonical", "phrases:\n  A Week: 1 week\n", 2, 3, "not canonical"},
    {"suffix without apostrophe", "contraction_suffixes:\n  nt: not\n", 2, 3, "apostrophe"},
    {"number out of range", "numbers:\n  words: {twentyone: 21}\n", 2, 22, "multiple of ten"},
    {"number not a number", "numbers:\n  words: {seven: lots}\n", 2, 18, "0-19"},
    {"unknown number key", "numbers:\n  digits: []\n", 2, 3, "unknown or malformed key"},
    {"ordinal not letters", "numbers:\n  ordinal_suffixes: [\"'s\"]\n", 2, 22,
     "lower-case letters"},
    {"known word list of maps", "known_words:\n  - {a: b}\n", 2, 5, "non-empty string"},
};

TEST(NormalizerConfigTest, ReportsEachProblemWhereItIs) {
  for (const BadCase& c : kBad) {
    SCOPED_TRACE(c.name);
    const Loaded r = load(c.yaml);
    EXPECT_FALSE(r.ok);
    ASSERT_FALSE(r.errors.empty());
    const Diagnostic& d = r.errors.front();
    EXPECT_EQ(d.file, "norm.yaml");
    EXPECT_EQ(d.line, c.line) << d.to_string();
    EXPECT_EQ(d.column, c.column) << d.to_string();
    EXPECT_NE(d.message.find(c.says), std::string::npos) << d.to_string();
  }
}

TEST(NormalizerConfigTest, KeysAreCheckedWithTheFilesOwnCharacterTable) {
  // With ’ mapped to ', a key spelled with ’ can never be seen: it is reported.
  const Loaded r =
      load("characters: {\"\\u2019\": \"'\"}\ncontractions:\n  \"don\u2019t\": do not\n");
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3);
}

}  // namespace
}  // namespace backcoach::dialogue
