#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "service/chat_service.h"
#include "service/event_log.h"
#include "service/turn_reply.h"
#include "store/identities.h"

namespace backcoach::service {

// Messages the daemon starts (a daily check-in): a turn whose input is an event,
// run through ChatService::say like any other, its reply routed to every channel
// the person can be reached on — an identity whose channel has a presenter here
// (a bot with a callback_url, Telegram) or a channel that finds them otherwise (Web
// Push). The messages are committed with the turn
// (the outbox) and sent by the outbox worker.
//
// Thread-safety: notify() from any thread, once the channels are added; the
// handler runs on an unspecified thread. The chat service and identities must
// outlive every notify() in progress.
class Notifier {
 public:
  // The presenter for messages the daemon starts for `identity` because of `event`;
  // an empty one when that identity is not to be disturbed now. Called on a blocking
  // thread (it may read the store).
  using PresenterFactory =
      std::function<OutboundPresenter(const store::Identity& identity, const std::string& event)>;
  // The presenter for messages the daemon starts for the person `user_id` on a
  // channel that reaches them by something other than an identity (Web Push: the
  // browsers they allowed notifications in); an empty one when none is owed now.
  // Called on a blocking thread; an error when the store failed.
  using PersonPresenterFactory = std::function<result<OutboundPresenter>(const std::string& user_id,
                                                                         const std::string& event)>;
  struct Notified {
    // False when the person has no channel a message can be started on (a widget
    // user who allowed no notifications): then no turn was run and nothing was queued.
    bool reachable = false;
    std::size_t queued = 0;  // messages committed to the outbox with the turn
    TurnReply reply;         // duplicate: this event id was notified before
  };
  using Handler = std::function<void(ServiceResult<Notified>)>;

  Notifier(boost::asio::any_io_executor blocking, ChatService& chat, store::Identities& identities,
           const EventLog& log);

  // Identities on `channel`, or on channels starting with `channel` + ':' ("bot"
  // serves "bot:kiosk"; an exact match wins), are reached through `factory`.
  // Before the first notify() only.
  void add_channel(const std::string& channel, PresenterFactory factory);
  // Every person is also asked of `factory` (Web Push). Before the first notify() only.
  void add_person_channel(const std::string& channel, PersonPresenterFactory factory);

  // The presenter owing the reply to `event` to every channel the person can be
  // reached on now: one whose factory gives a presenter (a Telegram chat that sent
  // /stop or blocked the bot gives none, nor Web Push while a widget is open). An
  // empty presenter when there is none.
  // Reads the identities: call on a blocking thread. errc::unavailable when the
  // store is closing, another errc when it failed (logged).
  result<OutboundPresenter> presenter_for(const std::string& user_id,
                                          const std::string& event) const;

  // Runs the event ("checkin_due", an event of rules/flow.yaml) as a turn of the
  // person's conversation. `event_id` names this occurrence ("checkin_due:2024-05-02")
  // and is the turn's message id: the same id again runs no second turn and queues
  // nothing (a scheduler that fires twice after a crash). Empty: no such guard.
  void notify(const std::string& user_id, const std::string& event, const std::string& event_id,
              Handler done);

  // The turn's channel, as stored with it ("event"; its message id "event:<event_id>").
  static constexpr const char* kChannel = "event";

 private:
  const PresenterFactory* find(const std::string& channel) const;
  // Logs a store failure other than unavailable (closing) and gives it back.
  boost::system::error_code failed(const char* operation, boost::system::error_code error) const;
  void run(const std::string& user_id, const std::string& event, const std::string& event_id,
           OutboundPresenter presenter, Handler done);

  boost::asio::any_io_executor blocking_;
  ChatService& chat_;
  store::Identities& identities_;
  const EventLog& log_;
  std::map<std::string, PresenterFactory> channels_;
  std::map<std::string, PersonPresenterFactory> person_channels_;
};

}  // namespace backcoach::service
