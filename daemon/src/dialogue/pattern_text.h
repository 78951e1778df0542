#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace backcoach::dialogue {

// Small helpers over RE2 shared by the intent matcher and the context reader. Every
// pattern runs on text the normaliser has lower-cased.

RE2::Options pattern_options();

// One RE2 from a list of alternatives; null when the list is empty. A compile error is
// written to `error`.
std::unique_ptr<RE2> alternation(const std::vector<std::string>& parts, std::string& error);
// The source alternation() compiles: each part in a group of its own, joined by '|'.
std::string alternation_source(const std::vector<std::string>& parts);

// The pattern as the set is given it: every counted repetition x{m,n} becomes x*. The set
// only tells which patterns may match, and each pattern's own RE2 then finds its mentions,
// so a wider language is safe there; n copies of x are what made the set's program large.
std::string unbounded(std::string_view pattern);

// Why a set's Match() failed, for the reader's error (never "no match"); `what` names
// the set ("context cues"), empty for the lexicon's.
std::string set_failure(const RE2::Set::ErrorInfo& info, std::string_view what);

// A byte range of the normalised text.
struct Span {
  std::size_t begin, end;
};

// Every non-overlapping match of `re` in `text`, in order; none when `re` is null.
std::vector<Span> spans(const RE2* re, std::string_view text);

// True when `word` appears in a pattern's source as a word of its own: the pattern
// spells it ("can not feel the toilet paper"), so it is part of the finding, not a cue.
bool spelled_in(std::string_view source, std::string_view word);

}  // namespace backcoach::dialogue
