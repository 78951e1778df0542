#pragma once

#include "coach/checkin_sink.h"
#include "net/server.h"

namespace backcoach::app {

// The daemon's CheckinSink: a committed check-in goes to every open widget of the
// person as a `push` frame (one not connected sees it in their history at the next
// hello). Channels delivered through the outbox (Telegram, bot callbacks) get their
// presenter here once those channels exist; until then the check-in waits in the
// conversation's history for them too.
// Thread-safety: any thread. The server must outlive it.
class CheckinDelivery final : public coach::CheckinSink {
 public:
  explicit CheckinDelivery(net::Server& server) : server_(server) {}

  service::OutboundPresenter presenter(const std::string& user_id,
                                       const std::string& channel) override;
  void committed(const std::string& user_id, const std::string& channel,
                 const service::TurnReply& reply) override;

 private:
  net::Server& server_;
};

}  // namespace backcoach::app
