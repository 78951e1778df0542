#include "dialogue/lazy_regex.h"

namespace backcoach::dialogue {

const RE2& LazyRegex::get() const {
  std::call_once(once_, [this] { re_ = std::make_unique<RE2>(source_, options_); });
  return *re_;
}

}  // namespace backcoach::dialogue
