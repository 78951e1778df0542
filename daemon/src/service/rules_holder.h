#pragma once

#include <memory>
#include <mutex>

#include "dialogue/rule_set.h"

namespace backcoach::service {

// The rule set now in force. Readers take a shared_ptr copy and keep using it for
// the whole turn, so a reload never changes rules under a turn in progress; the
// old set is freed when its last turn ends.
// Thread-safety: get() and set() from any thread (a mutex-guarded pointer copy).
class RulesHolder {
 public:
  explicit RulesHolder(std::shared_ptr<const dialogue::RuleSet> rules) : rules_(std::move(rules)) {}

  std::shared_ptr<const dialogue::RuleSet> get() const {
    std::lock_guard lock(mu_);
    return rules_;
  }

  void set(std::shared_ptr<const dialogue::RuleSet> rules) {
    std::lock_guard lock(mu_);
    rules_.swap(rules);
    // The old set (now in `rules`) is released outside the lock.
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const dialogue::RuleSet> rules_;
};

}  // namespace backcoach::service
