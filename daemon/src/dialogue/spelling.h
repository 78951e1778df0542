#pragma once

#include <cstddef>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dialogue/token_rewriter.h"

namespace backcoach::dialogue {

// Misspellings of the words the intents are written in ("lowr" -> "lower", "sinse" ->
// "since", "fevr" -> "fever"), the way a spell checker suggests: a word that is neither
// one of ours (the vocabulary) nor an English word (the system word lists, Debian's
// wbritish and wamerican) is replaced by the vocabulary word one edit away (delete,
// transpose, replace, insert), the most frequent in our
// intents when several are; never when two are equally likely. A real English word is
// never touched, so "bled" does not become "bed". A dropped g ("injectin", "sweatin") is
// put back first when the word with it is English.
//
// The word lists (about 200,000 words, some 40 ms) are read once per corrector, on a
// thread of their own from read_ahead() (the load calls it as it returns), or else on
// the first word that needs them; that word waits for them. The words of our own texts
// (the quick replies) are known without them, so loading the rules never waits for the
// lists. Thread-safe.
class SpellingCorrector {
 public:
  struct Options {
    std::size_t min_length = 4;  // shorter words are left alone
  };

  // `word_lists`: files of English words, one per line (any case; words with other
  // than letters are ignored). `vocabulary`: our words with how often the intents use each.
  // `texts`: our own texts (the quick replies): their words are known, never corrected,
  // but never a correction either.
  SpellingCorrector(std::vector<std::string> word_lists,
                    std::unordered_map<std::string, int> vocabulary, Options options,
                    const std::vector<std::string>& texts = {});
  ~SpellingCorrector();
  SpellingCorrector(const SpellingCorrector&) = delete;
  SpellingCorrector& operator=(const SpellingCorrector&) = delete;

  // Starts reading the word lists on a thread of their own, if nothing has yet.
  void read_ahead() const;

  // The vocabulary word meant, or nullopt (a known word, too short, not letters, no
  // single best candidate).
  std::optional<std::string_view> correct(std::string_view word) const;

  // Words of a pattern or an example, for the vocabulary: runs of letters, with a
  // regex's escapes (\b, \w, \d, \s) taken out first.
  static void count_words(std::string_view text, std::unordered_map<std::string, int>& counts);

  // The files of `paths` that cannot be read.
  static std::vector<std::string> unreadable(const std::vector<std::string>& paths);

 private:
  bool known(std::string_view w) const;
  // Adds every vocabulary word one edit from `w` to `best` (the most frequent wins).
  void one_edit(std::string_view w, std::string& scratch, std::string_view& best, int& count,
                bool& tie) const;
  template <class F>
  static void for_each_edit(std::string_view w, std::string& scratch, F&& f);

  void read_english() const;

  std::vector<std::string> word_lists_;
  mutable std::once_flag read_once_;
  mutable std::string blob_;  // the lists' words, lower case, one after another
  mutable std::unordered_set<std::string_view> english_;  // views into blob_
  std::unordered_map<std::string, int, StringViewHash, std::equal_to<>> vocabulary_;
  std::unordered_set<std::string, StringViewHash, std::equal_to<>> known_;
  Options options_;
  mutable std::once_flag ahead_once_;
  mutable std::future<void> ahead_;  // last: joined before the lists it reads are gone
};

}  // namespace backcoach::dialogue
