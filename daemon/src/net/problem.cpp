#include "net/problem.h"

#include <boost/beast/http/write.hpp>
#include <boost/beast/version.hpp>
#include <sstream>

namespace backcoach::net {

namespace {
constexpr std::string_view kServer = "backcoachd";
}

Response problem(http::status status, std::string_view detail, unsigned version, bool keep_alive) {
  const auto reason = http::obsolete_reason(status);
  nlohmann::json body = {{"type", "about:blank"},
                         {"title", std::string(reason.data(), reason.size())},
                         {"status", static_cast<unsigned>(status)},
                         {"detail", detail}};
  Response res{status, version};
  res.set(http::field::server, kServer);
  res.set(http::field::content_type, "application/problem+json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(keep_alive);
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  res.prepare_payload();
  return res;
}

Response json_response(http::status status, const nlohmann::json& body, unsigned version,
                       bool keep_alive) {
  Response res{status, version};
  res.set(http::field::server, kServer);
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(keep_alive);
  res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  res.prepare_payload();
  return res;
}

std::string serialized_problem(http::status status, std::string_view detail) {
  auto res = problem(status, detail, 11, false);
  if (status == http::status::service_unavailable || status == http::status::too_many_requests) {
    res.set(http::field::retry_after, "5");
  }
  std::ostringstream out;
  out << res;
  return std::move(out).str();
}

}  // namespace backcoach::net
