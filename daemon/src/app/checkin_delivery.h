#pragma once

#include "coach/checkin_sink.h"
#include "net/server.h"
#include "service/rules_holder.h"
#include "store/push_subscriptions.h"

namespace backcoach::app {

// The daemon's CheckinSink. A committed check-in goes to every open widget of the
// person as a `push` frame. A person with no widget open who allowed notifications
// (a Web Push subscription) gets a notification on each of their browsers: its rows
// ("webpush", the rules' notification text) commit with the check-in's turn and the
// outbox worker sends them. A person with neither sees the check-in in their
// history at the next hello. Telegram and bot callbacks get their presenter here
// once the scheduler serves those channels.
// Thread-safety: any thread. The server, subscriptions and rules must outlive it.
class CheckinDelivery final : public coach::CheckinSink {
 public:
  CheckinDelivery(net::Server& server, store::PushSubscriptions& subscriptions,
                  const service::RulesHolder& rules)
      : server_(server), subscriptions_(subscriptions), rules_(rules) {}

  service::OutboundPresenter presenter(const std::string& user_id,
                                       const std::string& channel) override;
  void committed(const std::string& user_id, const std::string& channel,
                 const service::TurnReply& reply) override;

 private:
  net::Server& server_;
  store::PushSubscriptions& subscriptions_;
  const service::RulesHolder& rules_;
};

}  // namespace backcoach::app
