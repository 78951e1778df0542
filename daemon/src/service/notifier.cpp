#include "service/notifier.h"

#include <boost/asio/post.hpp>
#include <memory>
#include <utility>
#include <vector>

namespace backcoach::service {

Notifier::Notifier(boost::asio::any_io_executor blocking, ChatService& chat,
                   store::Identities& identities, const EventLog& log)
    : blocking_(std::move(blocking)), chat_(chat), identities_(identities), log_(log) {}

void Notifier::add_channel(const std::string& channel, PresenterFactory factory) {
  channels_[channel] = std::move(factory);
}

void Notifier::add_person_channel(const std::string& channel, PersonPresenterFactory factory) {
  person_channels_[channel] = std::move(factory);
}

const Notifier::PresenterFactory* Notifier::find(const std::string& channel) const {
  auto it = channels_.find(channel);
  if (it == channels_.end()) it = channels_.find(channel.substr(0, channel.find(':')));
  return it == channels_.end() ? nullptr : &it->second;
}

boost::system::error_code Notifier::failed(const char* operation,
                                           boost::system::error_code error) const {
  if (error != errc::unavailable) {
    log_.error("store_failed", {{"operation", operation}, {"error", error.message()}});
  }
  return error;
}

result<OutboundPresenter> Notifier::presenter_for(const std::string& user_id,
                                                  const std::string& event) const {
  auto identities = identities_.identities_of(user_id);
  if (!identities) return failed("identities_of", identities.error());
  std::vector<OutboundPresenter> presenters;
  for (const auto& identity : *identities) {
    const auto* factory = find(identity.channel);
    if (factory == nullptr) continue;
    if (auto present = (*factory)(identity, event)) presenters.push_back(std::move(present));
  }
  for (const auto& [channel, factory] : person_channels_) {
    auto present = factory(user_id, event);
    if (!present) return failed(channel.c_str(), present.error());
    if (*present) presenters.push_back(std::move(*present));
  }
  if (presenters.empty()) return OutboundPresenter{};
  return OutboundPresenter([presenters = std::move(presenters)](const TurnReply& reply) {
    std::vector<store::OutgoingMessage> owed;
    for (const auto& present : presenters) {
      auto some = present(reply);
      owed.insert(owed.end(), std::make_move_iterator(some.begin()),
                  std::make_move_iterator(some.end()));
    }
    return owed;
  });
}

// The identities are read on the blocking pool; the turn goes through the chat
// service, which serialises it with the person's other turns.
void Notifier::notify(const std::string& user_id, const std::string& event,
                      const std::string& event_id, Handler done) {
  boost::asio::post(blocking_, [this, user_id, event, event_id, done = std::move(done)]() mutable {
    auto presenter = presenter_for(user_id, event);
    if (!presenter) {
      const bool unavailable = presenter.error() == errc::unavailable;
      done(ServiceResult<Notified>(boost::system::in_place_error,
                                   unavailable ? ServiceError::not_ready : ServiceError::internal));
      return;
    }
    if (!*presenter) {
      done(ServiceResult<Notified>(boost::system::in_place_value, Notified{}));
      return;
    }
    run(user_id, event, event_id, std::move(*presenter), std::move(done));
  });
}

void Notifier::run(const std::string& user_id, const std::string& event,
                   const std::string& event_id, OutboundPresenter presenter, Handler done) {
  auto queued = std::make_shared<std::size_t>(0);
  TurnRequest turn{user_id, kChannel, EventInput{event, std::nullopt}, event_id,
                   [presenter = std::move(presenter), queued](const TurnReply& reply) {
                     auto owed = presenter(reply);
                     *queued = owed.size();
                     return owed;
                   }};
  chat_.say(std::move(turn), [queued, done = std::move(done)](ServiceResult<TurnReply> reply) {
    if (reply.has_error()) {
      done(ServiceResult<Notified>(boost::system::in_place_error, reply.error()));
      return;
    }
    // A duplicate's presenter may have run (a restarted service) but the store kept
    // nothing of it.
    const std::size_t count = reply->duplicate ? 0 : *queued;
    done(ServiceResult<Notified>(boost::system::in_place_value,
                                 Notified{true, count, std::move(*reply)}));
  });
}

}  // namespace backcoach::service
