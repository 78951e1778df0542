#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <string_view>

#include "load_target.h"

namespace backcoach::bench {

// What one bot user says in one turn of the bot API (docs/bots.md).
struct BotTurn {
  std::string_view user;  // the bot's id for the person
  std::string_view id;    // the message id, unique per turn
  std::string_view text;
};

using BotRequest = boost::beast::http::request<boost::beast::http::string_body>;

// The keep-alive HTTP/1.1 `POST target.path` of one turn: the JSON body
// {"user", "id", "text"}, signed as the daemon checks it (net/request_signature.h)
// with `key` (the raw bytes of the bot's key) at `unix_seconds`. Pure.
BotRequest make_bot_request(const LoadTarget& target, std::string_view key, const BotTurn& turn,
                            std::int64_t unix_seconds);

}  // namespace backcoach::bench
