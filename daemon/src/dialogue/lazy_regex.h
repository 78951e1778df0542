#pragma once

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>

namespace backcoach::dialogue {

// One RE2 built the first time it is used, not when the rule set loads. The matcher
// finds which patterns fired with its RE2::Set, whose compile already reports every
// syntax error with its file and line; each pattern's own RE2 (to locate and capture)
// is needed only once its pattern fires, and most never fire in a given run.
// Thread-safety: get() from any thread; the first caller compiles, the others wait.
// Neither copyable nor movable (it holds a once_flag): keep it in a container that
// does not move its elements (std::deque, or a vector sized once).
class LazyRegex {
 public:
  LazyRegex(std::string source, RE2::Options options)
      : source_(std::move(source)), options_(std::move(options)) {}
  LazyRegex(const LazyRegex&) = delete;
  LazyRegex& operator=(const LazyRegex&) = delete;

  // The compiled regex; check ok() on it: a pattern the set accepted can still fail
  // here (its program larger than one RE2's max_mem).
  const RE2& get() const;
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  RE2::Options options_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

}  // namespace backcoach::dialogue
