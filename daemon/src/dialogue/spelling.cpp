#include "dialogue/spelling.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

namespace backcoach::dialogue {
namespace {

bool all_letters(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

SpellingCorrector::SpellingCorrector(std::vector<std::string> word_lists,
                                     std::unordered_map<std::string, int> vocabulary,
                                     Options options, const std::vector<std::string>& texts)
    : word_lists_(std::move(word_lists)), options_(options) {
  for (auto& [w, n] : vocabulary) {
    if (all_letters(w)) vocabulary_.emplace(w, n);
  }
  std::unordered_map<std::string, int> words;
  for (const auto& t : texts) count_words(t, words);
  for (auto& [w, n] : words) known_.insert(w);  // count_words yields letters only
}

SpellingCorrector::~SpellingCorrector() = default;

void SpellingCorrector::read_ahead() const {
  std::call_once(ahead_once_, [this] {
    try {
      ahead_ = std::async(std::launch::async,
                          [this] { std::call_once(read_once_, [this] { read_english(); }); });
    } catch (const std::system_error&) {
      // No thread to spare: the first word that needs the lists reads them, as before.
    }
  });
}

void SpellingCorrector::read_english() const {
  for (const auto& path : word_lists_) {
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;
    blob_.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    blob_.push_back('\n');
  }
  // Lower case in place; a line with anything but letters ("aardvark's") is no word.
  english_.reserve(blob_.size() / 8);
  std::size_t start = 0;
  bool letters = true;
  for (std::size_t i = 0; i < blob_.size(); ++i) {
    char& c = blob_[i];
    if (c == '\n') {
      if (letters && i - start >= options_.min_length)
        english_.emplace(blob_.data() + start, i - start);
      start = i + 1;
      letters = true;
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    } else if (c < 'a' || c > 'z') {
      letters = false;
    }
  }
}

bool SpellingCorrector::known(std::string_view w) const {
  if (vocabulary_.find(w) != vocabulary_.end() || known_.find(w) != known_.end()) return true;
  std::call_once(read_once_, [this] { read_english(); });
  return english_.count(w) != 0;
}

template <class F>
void SpellingCorrector::for_each_edit(std::string_view w, std::string& s, F&& f) {
  for (std::size_t i = 0; i < w.size(); ++i) {  // delete
    s.assign(w.substr(0, i)).append(w.substr(i + 1));
    f(s);
  }
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {  // transpose
    s.assign(w);
    std::swap(s[i], s[i + 1]);
    f(s);
  }
  for (std::size_t i = 0; i < w.size(); ++i) {  // replace
    s.assign(w);
    for (char c = 'a'; c <= 'z'; ++c) {
      if (c == w[i]) continue;
      s[i] = c;
      f(s);
    }
  }
  for (std::size_t i = 0; i <= w.size(); ++i) {  // insert
    for (char c = 'a'; c <= 'z'; ++c) {
      s.assign(w.substr(0, i)).append(1, c).append(w.substr(i));
      f(s);
    }
  }
}

void SpellingCorrector::one_edit(std::string_view w, std::string& scratch, std::string_view& best,
                                 int& count, bool& tie) const {
  for_each_edit(w, scratch, [&](const std::string& candidate) {
    const auto it = vocabulary_.find(candidate);
    if (it == vocabulary_.end() || it->first == best) return;
    if (it->second > count) {
      best = it->first;
      count = it->second;
      tie = false;
    } else if (it->second == count) {
      tie = true;
    }
  });
}

std::optional<std::string_view> SpellingCorrector::correct(std::string_view word) const {
  if (word.size() < options_.min_length || !all_letters(word) || known(word)) return std::nullopt;
  // A dropped g, as Scots, Irish and many Englishes write it ("injectin", "sweatin",
  // "roastin"): the word with its g, when that is an English word.
  if (word.size() > 2 && word.substr(word.size() - 2) == "in") {
    std::string with_g(word);
    with_g.push_back('g');
    const auto it = english_.find(std::string_view(with_g));
    if (it != english_.end()) return *it;
  }
  std::string scratch;
  std::string_view best;
  int count = 0;
  bool tie = false;
  one_edit(word, scratch, best, count, tie);
  if (best.empty() || tie) return std::nullopt;
  return best;
}

void SpellingCorrector::count_words(std::string_view text,
                                    std::unordered_map<std::string, int>& counts) {
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (c == '\\' && i + 1 < text.size()) {  // a regex escape is no letter of a word
      if (!word.empty()) ++counts[word];
      word.clear();
      ++i;
      continue;
    }
    const char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (l >= 'a' && l <= 'z') {
      word.push_back(l);
      continue;
    }
    if (!word.empty()) ++counts[word];
    word.clear();
  }
}

std::vector<std::string> SpellingCorrector::unreadable(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    if (!std::ifstream(path)) out.push_back(path);
  }
  return out;
}

}  // namespace backcoach::dialogue
