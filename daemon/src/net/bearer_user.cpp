#include "net/bearer_user.h"

#include "net/http_api.h"
#include "net/problem.h"

namespace backcoach::net {

std::optional<std::string> bearer_user(const Request& req, const service::ChatService& chat,
                                       const Router::Send& send) {
  const auto token = HttpApi::bearer_token(req);
  auto user = token ? chat.authenticate(*token) : std::nullopt;
  if (!user) {
    auto res = problem(http::status::unauthorized, "a valid Bearer token is required",
                       req.version(), req.keep_alive());
    res.set(http::field::www_authenticate, "Bearer");
    send(std::move(res));
  }
  return user;
}

Response no_content(unsigned version, bool keep_alive) {
  Response res{http::status::no_content, version};
  res.set(http::field::server, "backcoachd");
  res.keep_alive(keep_alive);
  return res;
}

}  // namespace backcoach::net
