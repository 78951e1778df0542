#pragma once

#include "coach/checkin_sink.h"
#include "net/server.h"
#include "service/notifier.h"

namespace backcoach::app {

// The daemon's CheckinSink. A check-in is owed, through the outbox, to every channel
// the person can be reached on that delivers later (Telegram, a bot's callback, Web
// Push): the Notifier knows which, from the person's identities, their browsers'
// push subscriptions and each channel's presenter factory (which says no for a
// Telegram chat that sent /stop or blocked the bot, and for Web Push while a widget
// of the person is open: see web_push_presenters.h).
// Once the turn committed it also goes live to every open widget of the person as a
// `push` frame (one not connected sees it in their history at the next hello).
// A reminder set in the widget ("ws") always makes its turn; one set on another
// channel is passed over when nothing can reach the person (errc::not_found).
// Thread-safety: any thread. The server and the notifier must outlive it.
class CheckinDelivery final : public coach::CheckinSink {
 public:
  CheckinDelivery(net::Server& server, const service::Notifier& notifier)
      : server_(server), notifier_(notifier) {}

  result<service::OutboundPresenter> presenter(const std::string& user_id,
                                               const std::string& channel,
                                               const std::string& event) override;
  void committed(const std::string& user_id, const std::string& channel,
                 const service::TurnReply& reply) override;

 private:
  net::Server& server_;
  const service::Notifier& notifier_;
};

}  // namespace backcoach::app
