#include "dialogue/normalizer_config.h"

#include <map>
#include <optional>
#include <utility>

#include "common/utf8.h"
#include "dialogue/normalizer.h"

namespace backcoach::dialogue {
namespace {

// One "key: value" (or list item) with the nodes kept for error positions.
struct Entry {
  std::string key;
  std::string value;
  YAML::Node key_node;
  YAML::Node value_node;
};
using Entries = std::vector<Entry>;

// Everything read, before it is checked against the tokenizer it configures.
struct Draft {
  Entries characters, words, suffixes, s_contractions, known, phrases, number_words;
  Entries articles, conjunctions, ordinals, separators;
  std::optional<Entry> canonical;
  std::vector<std::string> spelling_word_lists;
  std::size_t spelling_min_length = 4;
};

bool read_map(const YAML::Node& n, const YamlDiag& diag, Entries& out) {
  if (!n.IsMap()) {
    diag.error(n, "expected a mapping of \"from\": \"to\" entries");
    return false;
  }
  bool ok = true;
  for (const auto& kv : n) {
    if (!kv.first.IsScalar() || !(kv.second.IsScalar() || kv.second.IsNull())) {
      diag.error(kv.first, "expected a string key with a string value");
      ok = false;
      continue;
    }
    out.push_back(
        {kv.first.Scalar(), kv.second.IsNull() ? "" : kv.second.Scalar(), kv.first, kv.second});
  }
  return ok;
}

bool read_list(const YAML::Node& n, const YamlDiag& diag, Entries& out) {
  if (!n.IsSequence()) {
    diag.error(n, "expected a list of strings");
    return false;
  }
  bool ok = true;
  for (const auto& item : n) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      diag.error(item, "expected a non-empty string");
      ok = false;
      continue;
    }
    out.push_back({item.Scalar(), "", item, item});
  }
  return ok;
}

void read_numbers(const YAML::Node& n, const YamlDiag& diag, Draft& d) {
  if (!n.IsMap()) {
    diag.error(n, "numbers: expected a mapping");
    return;
  }
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    if (key == "words") {
      read_map(kv.second, diag, d.number_words);
    } else if (key == "articles") {
      read_list(kv.second, diag, d.articles);
    } else if (key == "conjunctions") {
      read_list(kv.second, diag, d.conjunctions);
    } else if (key == "ordinal_suffixes") {
      read_list(kv.second, diag, d.ordinals);
    } else if (key == "fraction_separators") {
      read_list(kv.second, diag, d.separators);
    } else if (key == "fraction_canonical" && kv.second.IsScalar()) {
      d.canonical = Entry{key, kv.second.Scalar(), kv.first, kv.second};
    } else {
      diag.error(kv.first, "numbers: unknown or malformed key '" + key +
                               "' (expected words, articles, conjunctions, ordinal_suffixes, "
                               "fraction_separators, fraction_canonical)");
    }
  }
}

void read_spelling(const YAML::Node& n, const YamlDiag& diag, Draft& out) {
  if (!n.IsMap()) {
    diag.error(n, "expected a mapping with word_lists and min_length");
    return;
  }
  diag.known_keys(n, {"word_lists", "min_length"});
  const YAML::Node lists = n["word_lists"];
  if (!lists || !lists.IsSequence() || lists.size() == 0) {
    diag.error(n, "spelling needs word_lists: a list of word list files");
    return;
  }
  for (const auto& l : lists) {
    if (l.IsScalar()) out.spelling_word_lists.push_back(l.Scalar());
  }
  if (const YAML::Node m = n["min_length"]) {
    const int v = m.as<int>(0);
    if (v < 3 || v > 20) {
      diag.error(m, "min_length must be between 3 and 20");
    } else {
      out.spelling_min_length = static_cast<std::size_t>(v);
    }
  }
}

void read_sections(const YAML::Node& root, const YamlDiag& diag, Draft& d) {
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (key == "characters") {
      read_map(kv.second, diag, d.characters);
    } else if (key == "contractions" || key == "slang" || key == "typos") {
      read_map(kv.second, diag, d.words);
    } else if (key == "contraction_suffixes") {
      read_map(kv.second, diag, d.suffixes);
    } else if (key == "spelling") {
      read_spelling(kv.second, diag, d);
    } else if (key == "s_contractions") {
      read_map(kv.second, diag, d.s_contractions);
    } else if (key == "known_words") {
      read_list(kv.second, diag, d.known);
    } else if (key == "phrases") {
      read_map(kv.second, diag, d.phrases);
    } else if (key == "numbers") {
      read_numbers(kv.second, diag, d);
    } else {
      diag.error(
          kv.first,
          "unknown section '" + key +
              "' (expected characters, contractions, slang, typos, "
              "contraction_suffixes, s_contractions, spelling, known_words, phrases, numbers)");
    }
  }
}

void check_characters(const Draft& d, const YamlDiag& diag, NormalizerConfig& out) {
  for (const Entry& e : d.characters) {
    const Utf8Char c = e.key.empty() ? Utf8Char{} : decode_utf8(e.key, 0);
    if (!c.valid || c.length != e.key.size()) {
      diag.error(e.key_node, "a character key must be exactly one character");
    } else if (!is_valid_utf8(e.value)) {
      diag.error(e.value_node, "replacement is not valid UTF-8");
    } else if (!out.characters.emplace(c.code_point, e.value).second) {
      diag.error(e.key_node, "character '" + e.key + "' is listed twice");
    }
  }
}

std::string join(const std::vector<std::string>& tokens) {
  std::string s;
  for (const std::string& t : tokens) {
    if (!s.empty()) s.push_back(' ');
    s += t;
  }
  return s;
}

// Checks `text` against what the tokenizer makes of it: a key that the tokenizer
// would change can never match anything, a replacement it would change is not canonical.
class TokenCheck {
 public:
  TokenCheck(const Normalizer& probe, const YamlDiag& diag) : probe_(probe), diag_(diag) {}

  bool one_token(const Entry& e) const {
    const auto tokens = probe_.split(e.key);
    if (tokens.size() == 1 && tokens[0] == e.key) return true;
    diag_.error(e.key_node, "'" + e.key + "' is not a single normalised token (the normaliser " +
                                "sees '" + join(tokens) + "')");
    return false;
  }
  bool canonical(const std::string& text, const YAML::Node& at, std::size_t min_tokens) const {
    const auto tokens = probe_.split(text);
    if (join(tokens) == text && tokens.size() >= min_tokens) return true;
    diag_.error(at, "'" + text + "' is not canonical text (lower case, tokens joined by one " +
                        "space; the normaliser sees '" + join(tokens) + "')" +
                        (min_tokens > 1 ? ", or has fewer than 2 words" : ""));
    return false;
  }

 private:
  const Normalizer& probe_;
  const YamlDiag& diag_;
};

void check_words(const Draft& d, const TokenCheck& check, const YamlDiag& diag,
                 NormalizerConfig& out) {
  std::map<std::string, int> first_line;
  for (const Entry& e : d.words) {
    if (!check.one_token(e) || !check.canonical(e.value, e.value_node, 0)) continue;
    const auto [it, fresh] = first_line.emplace(e.key, e.key_node.Mark().line + 1);
    if (!fresh) {
      diag.error(e.key_node,
                 "'" + e.key + "' is already rewritten at line " + std::to_string(it->second));
      continue;
    }
    out.words[e.key] = e.value;
  }
  for (const Entry& e : d.suffixes) {
    if (e.key.find('\'') == std::string::npos) {
      diag.error(e.key_node, "a contraction suffix contains an apostrophe: \"n't\": not");
      continue;
    }
    // The suffix must fit at the end of a word the tokenizer keeps whole.
    if (check.canonical(e.value, e.value_node, 1) &&
        check.one_token({"x" + e.key, "", e.key_node, e.value_node})) {
      out.contraction_suffixes.emplace_back(e.key, e.value);
    }
  }
  for (const Entry& e : d.s_contractions) {
    if (check.one_token(e) && check.canonical(e.value, e.value_node, 1)) {
      out.s_contractions.emplace(e.key, e.value);
    }
  }
  for (const Entry& e : d.known) {
    if (check.one_token(e)) out.known_words.insert(e.key);
  }
  for (const Entry& e : d.phrases) {
    if (check.canonical(e.key, e.key_node, 2) && check.canonical(e.value, e.value_node, 0) &&
        !out.phrases.emplace(e.key, e.value).second) {
      diag.error(e.key_node, "phrase '" + e.key + "' is listed twice");
    }
  }
}

bool valid_number(int v) { return (v >= 0 && v < 20) || (v % 10 == 0 && v <= 90) || v == 100; }

void check_numbers(const Draft& d, const TokenCheck& check, const YamlDiag& diag,
                   NormalizerConfig& out) {
  for (const Entry& e : d.number_words) {
    int v = -1;
    if (!YAML::convert<int>::decode(e.value_node, v) || !valid_number(v)) {
      diag.error(e.value_node, "a number word is worth 0-19, a multiple of ten up to 90, or 100");
    } else if (check.one_token(e) && !out.number_words.emplace(e.key, v).second) {
      diag.error(e.key_node, "number word '" + e.key + "' is listed twice");
    }
  }
  const auto list = [&](const Entries& from, std::vector<std::string>& to) {
    for (const Entry& e : from) {
      if (check.one_token(e)) to.push_back(e.key);
    }
  };
  list(d.articles, out.number_articles);
  list(d.conjunctions, out.number_conjunctions);
  list(d.separators, out.fraction_separators);
  if (d.canonical && check.canonical(d.canonical->value, d.canonical->value_node, 1)) {
    out.fraction_canonical = d.canonical->value;
  }
}

}  // namespace

bool load_normalizer_config(const YAML::Node& root, const YamlDiag& diag, NormalizerConfig& out) {
  const std::size_t before = diag.count();
  if (!root.IsMap()) {
    diag.error(root, "a normalisation file is a mapping of sections (characters, typos, ...)");
    return false;
  }
  Draft d;
  read_sections(root, diag, d);
  out = NormalizerConfig{};
  out.spelling_word_lists = d.spelling_word_lists;
  out.spelling_min_length = d.spelling_min_length;
  check_characters(d, diag, out);
  for (const Entry& e : d.ordinals) {
    const bool letters = e.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
    if (letters) {
      out.ordinal_suffixes.push_back(e.key);
    } else {
      diag.error(e.key_node, "an ordinal suffix is lower-case letters: st, nd, rd, th");
    }
  }
  // Keys are checked with the tokenizer this very file configures.
  const Normalizer probe(out);
  const TokenCheck check(probe, diag);
  check_words(d, check, diag, out);
  check_numbers(d, check, diag, out);
  return diag.count() == before;
}

}  // namespace backcoach::dialogue
