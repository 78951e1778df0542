#pragma once

#include <boost/system/result.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "service/turn_reply.h"

namespace backcoach::service {

template <class T>
using ServiceResult = boost::system::result<T, ServiceError>;

// What the network edge may ask of the chat, and nothing else: the edge reaches
// the store only through here. ConversationService implements it; the edge's
// tests put a fake behind it.
//
// Handlers run on an unspecified thread; each is called exactly once. The
// implementation outlives every operation it started.
class ChatService {
 public:
  using HelloHandler = std::function<void(ServiceResult<Welcome>)>;
  using SayHandler = std::function<void(ServiceResult<TurnReply>)>;
  using ExportHandler = std::function<void(ServiceResult<nlohmann::json>)>;
  using EraseHandler = std::function<void(ServiceResult<bool>)>;
  // nullopt when ready; otherwise why not, for an operator ("no rule set loaded").
  using ReadyHandler = std::function<void(std::optional<std::string>)>;

  virtual ~ChatService() = default;

  // Without a token: a new person and conversation. With one: theirs resumes.
  virtual void hello(std::optional<std::string> token, HelloHandler done) = 0;

  // One turn of `turn.user_id`'s conversation (see TurnRequest).
  virtual void say(TurnRequest turn, SayHandler done) = 0;

  // The person a channel knows by `external_id` ("bot:kiosk", "u-17"): made, with
  // an empty conversation, the first time. Their first turn is greeted.
  using IdentifyHandler = std::function<void(ServiceResult<std::string>)>;
  virtual void identify(std::string channel, std::string external_id, IdentifyHandler done) = 0;

  // The user id a token names, if the token is genuine. Cheap; any thread.
  virtual std::optional<std::string> authenticate(std::string_view token) const = 0;

  virtual void export_user(const std::string& user_id, ExportHandler done) = 0;
  // done(false) when there was no such user.
  virtual void erase_user(const std::string& user_id, EraseHandler done) = 0;

  // Whether turns can be taken now (rules loaded, the store writable).
  virtual void check_ready(ReadyHandler done) = 0;

  // A live connection holds the person's conversation in memory while it lasts.
  virtual void attach(const std::string& user_id) = 0;
  virtual void detach(const std::string& user_id) = 0;
};

}  // namespace backcoach::service
