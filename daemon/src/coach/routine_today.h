#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/result.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "dialogue/rule_set.h"
#include "service/rules_holder.h"
#include "store/conversation_log.h"

namespace backcoach::coach {

// The routine for today as GET /v1/me/routine answers it (docs/openapi.yaml), from a
// conversation's engine state and the rules in force:
//   {"level": {"number", "of", "name", "dose"} or null, "paused": bool,
//    "exercises": [the catalogue's card of each exercise recommended, in order]}
// `level` is null before a routine was given; `paused` is true once the tier is `soon` or
// higher (the referral says to pause the routine until a professional has seen them), and
// then no exercises are listed. Pure.
nlohmann::json routine_today(const nlohmann::json& state, const dialogue::RuleSet& rules);

// Reads a person's state on `blocking` and answers routine_today with the rules now in
// force (a person with no conversation yet has no routine). `done` runs on a thread of
// `blocking`, once: the routine, or the store's error.
// Thread-safety: any thread. Must outlive the operations it started.
class RoutineService {
 public:
  using Result = boost::system::result<nlohmann::json>;

  RoutineService(boost::asio::any_io_executor blocking, store::ConversationLog& conversations,
                 const service::RulesHolder& rules)
      : blocking_(std::move(blocking)), conversations_(conversations), rules_(rules) {}

  void today(const std::string& user_id, std::function<void(Result)> done);

 private:
  boost::asio::any_io_executor blocking_;
  store::ConversationLog& conversations_;
  const service::RulesHolder& rules_;
};

}  // namespace backcoach::coach
