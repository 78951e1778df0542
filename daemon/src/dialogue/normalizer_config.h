#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/yaml_diag.h"

namespace backcoach::dialogue {

// What the Normalizer does, as plain data (read from intents/normalization.yaml).
// Every string on the output side is canonical: ASCII lower case, tokens joined by
// one space. Every key on the input side is what the tokenizer produces.
struct NormalizerConfig {
  // One code point -> replacement text, applied before anything else ("’" -> "'",
  // NBSP -> " ", "“" -> "\""). ASCII keys replace the character outright; the
  // characters of a non-ASCII key's replacement then go through the ASCII keys.
  std::map<char32_t, std::string> characters;

  // One token -> canonical words ("dont" -> "do not", "numbess" -> "numbness",
  // "&" -> "and"); "" deletes the token. Contractions, slang and typos all land here.
  std::map<std::string, std::string> words;

  // Applied to a word with an apostrophe that `words` does not know: "shouldn't"
  // -> "should not" via "n't" -> "not". Tried in order; first match wins.
  std::vector<std::pair<std::string, std::string>> contraction_suffixes;

  // "'s" after a word, by the word that follows it: "been" -> "has" ("my back's been
  // aching" -> "my back has been aching"). Before any other word "'s" joins its word
  // as before ("mum's cancer" -> "mums cancer").
  std::map<std::string, std::string> s_contractions;

  // Spelling correction (dialogue/spelling.h): the system word lists that say a word is
  // English, and the shortest word corrected. No word lists: no correction.
  std::vector<std::string> spelling_word_lists;
  std::size_t spelling_min_length = 4;

  // Words that really contain a doubled letter or that a squeezed word ("sooo")
  // may land on. Keys and values of `words`, number words and phrase words count too.
  std::set<std::string> known_words;

  // Multi-token rewrites, longest first at each position ("a couple of" -> "2").
  std::map<std::string, std::string> phrases;

  // "zero".."nineteen", the tens "twenty".."ninety", and "hundred" (value 100).
  std::map<std::string, int> number_words;
  std::vector<std::string> number_articles;      // "a": "a hundred" = 100; "a 6" -> "6"
  std::vector<std::string> number_conjunctions;  // "and": "a hundred and five" = 105
  std::vector<std::string> ordinal_suffixes;     // "st", "nd": "3rd" stays one token
  std::vector<std::string> fraction_separators;  // "/", "of": "7 of 10" -> "7 out of 10"
  std::string fraction_canonical;                // "out of"
};

// Reads a normalisation document into `out`. Every problem is reported through
// `diag` at the offending node (unknown section, a key the tokenizer could never
// produce, a non-canonical replacement, a duplicate, a number word out of range).
// Returns true when nothing was reported. Never throws.
bool load_normalizer_config(const YAML::Node& root, const YamlDiag& diag, NormalizerConfig& out);

}  // namespace backcoach::dialogue
