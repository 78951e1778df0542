#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace backcoach::dialogue {

// One RE2::Set's job for a pattern list too large for one core to compile in time: the
// patterns, in order, are cut into `shards` runs of about equal length, and each run is
// parsed and compiled into a set of its own on a thread of its own. The patterns taken are
// numbered in order from 0, as one RE2::Set numbers them, and match() reports those numbers,
// so a caller reads it as it would one set (docs/architecture.md, "Rules are data").
// Immutable after construction; match() is thread-safe.
class PatternSets {
 public:
  // `why[i]` is empty when sources[i] was taken, else RE2's reason for refusing it.
  PatternSets(const std::vector<std::string>& sources, const RE2::Options& options,
              std::size_t shards, std::vector<std::string>& why);
  ~PatternSets();

  // False when a pattern was refused or a set would not compile (its program is over the
  // options' memory); match() then finds nothing.
  bool compiled() const { return compiled_; }

  // Every pattern that may match `text`, in no particular order. False, with `info` saying why,
  // when a set could not finish (its DFA out of memory): the text is then unread, not "no match".
  bool match(std::string_view text, std::vector<int>& fired, RE2::Set::ErrorInfo& info) const;

 private:
  struct Shard {
    std::unique_ptr<RE2::Set> set;
    int first = 0;  // the number of the set's pattern 0
  };
  std::vector<Shard> shards_;
  bool compiled_ = false;
};

}  // namespace backcoach::dialogue
