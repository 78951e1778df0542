#pragma once

#include <string>

#include "service/turn_reply.h"

namespace backcoach::coach {

// Where a check-in the daemon started goes: the seam between the scheduler and the
// channels, wired by the app. A WebSocket widget is delivered live after the commit
// (a `push` frame; a person not connected finds it in their history at the next
// hello). Telegram and bot callbacks go through the outbox: their presenter's
// messages commit with the check-in's turn and the outbox worker sends them.
class CheckinSink {
 public:
  virtual ~CheckinSink() = default;

  // The presenter that makes `channel`'s outbox messages for a check-in to
  // `user_id` (TurnRequest::outbound), or an empty one for a channel delivered live.
  // Called on a blocking thread: it may read the store (a chat id).
  virtual service::OutboundPresenter presenter(const std::string& user_id,
                                               const std::string& channel) = 0;

  // The check-in's turn committed: deliver it where that is done live (every open
  // widget of the person). Any thread; must not block.
  virtual void committed(const std::string& user_id, const std::string& channel,
                         const service::TurnReply& reply) = 0;
};

}  // namespace backcoach::coach
