#pragma once

#include <string>

#include "common/errc.h"
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

  // The presenter that makes the outbox messages of the check-in `event` for
  // `user_id`, for every channel that delivers later and can reach them now (an
  // empty one when none does: the widget is delivered live). `channel` is where the
  // reminder was set. errc::not_found: nobody is to be told (the reminder was set on
  // a channel that delivers later and none can reach the person now: a Telegram chat
  // that sent /stop or blocked the bot, a bot without a callback), so the occurrence
  // is skipped without a turn; another error: try again at the next pass.
  // Called on a blocking thread: it may read the store.
  virtual result<service::OutboundPresenter> presenter(const std::string& user_id,
                                                       const std::string& channel,
                                                       const std::string& event) = 0;

  // The check-in's turn committed: deliver it where that is done live (every open
  // widget of the person). Any thread; must not block.
  virtual void committed(const std::string& user_id, const std::string& channel,
                         const service::TurnReply& reply) = 0;
};

}  // namespace backcoach::coach
