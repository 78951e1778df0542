#include "bot_request.h"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "net/request_signature.h"

namespace backcoach::bench {
namespace http = boost::beast::http;

BotRequest make_bot_request(const LoadTarget& target, std::string_view key, const BotTurn& turn,
                            std::int64_t unix_seconds) {
  BotRequest req{http::verb::post, target.path, 11};
  req.set(http::field::host, target.host);
  req.set(http::field::content_type, "application/json");
  req.keep_alive(true);
  req.body() = nlohmann::json{{"user", turn.user}, {"id", turn.id}, {"text", turn.text}}.dump();
  const std::string timestamp = std::to_string(unix_seconds);
  req.set(net::kTimestampHeader, timestamp);
  req.set(net::kSignatureHeader, net::sign_v1(key, timestamp, req.body()));
  req.prepare_payload();
  return req;
}

}  // namespace backcoach::bench
