#pragma once

#include <cstdint>
#include <functional>

#include "dialogue/engine.h"
#include "service/turn_reply.h"
#include "store/conversation_log.h"

namespace backcoach::coach {

// What a turn means for coaching, as writes that commit with the turn
// (ConversationService::Options::coaching): the engine's journal actions become the
// journal entry of the day in the person's zone, a time chosen in the chat becomes
// their reminder (its next instant computed in their zone), "stop reminders" deletes it.
// The zone is the turn's (the widget's, or the reminder's for a scheduled check-in);
// a channel that knows none gets UTC until it asks (docs/coaching.md).
// Thread-safety: const, any thread.
class TurnCoaching {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC milliseconds
  explicit TurnCoaching(Clock clock) : clock_(std::move(clock)) {}

  void operator()(const service::TurnRequest& turn, const dialogue::StepResult& step,
                  store::TurnRecord& record) const;

 private:
  Clock clock_;
};

}  // namespace backcoach::coach
