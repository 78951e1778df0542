#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/chat_service.h"

namespace backcoach::net::testing {

// A ChatService that answers from its fields at once, on the caller's thread, and
// records what it was asked: the edge's tests need no engine, store or threads.
class FakeChatService final : public service::ChatService {
 public:
  std::map<std::string, std::string> tokens;      // token -> user id
  std::map<std::string, nlohmann::json> records;  // user id -> export
  std::optional<std::string> not_ready;           // why check_ready fails, if it does
  service::TurnReply reply;                       // the answer to every say
  std::optional<service::ServiceError> say_error;
  std::vector<service::TurnRequest> turns;  // every say, in order
  std::vector<std::string> erased;
  std::vector<std::string> identified;  // "channel/external id"

  void hello(std::optional<std::string>, HelloHandler done) override {
    done(service::ServiceResult<service::Welcome>(boost::system::in_place_error,
                                                  service::ServiceError::internal));
  }
  void say(service::TurnRequest turn, SayHandler done) override {
    turns.push_back(std::move(turn));
    if (say_error) {
      return done(
          service::ServiceResult<service::TurnReply>(boost::system::in_place_error, *say_error));
    }
    done(reply);
  }
  void identify(std::string channel, std::string external_id, IdentifyHandler done) override {
    identified.push_back(channel + "/" + external_id);
    done(service::ServiceResult<std::string>(boost::system::in_place_value,
                                             "user-of-" + external_id));
  }
  std::optional<std::string> authenticate(std::string_view token) const override {
    const auto it = tokens.find(std::string(token));
    if (it == tokens.end()) return std::nullopt;
    return it->second;
  }
  void export_user(const std::string& user_id, ExportHandler done) override {
    const auto it = records.find(user_id);
    if (it == records.end()) {
      return done(service::ServiceResult<nlohmann::json>(boost::system::in_place_error,
                                                         service::ServiceError::bad_token));
    }
    done(service::ServiceResult<nlohmann::json>(boost::system::in_place_value, it->second));
  }
  void erase_user(const std::string& user_id, EraseHandler done) override {
    erased.push_back(user_id);
    done(records.erase(user_id) > 0);
  }
  void check_ready(ReadyHandler done) override { done(not_ready); }
  void attach(const std::string&) override {}
  void detach(const std::string&) override {}
};

}  // namespace backcoach::net::testing
