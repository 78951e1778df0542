#include "net/http_api.h"

#include <boost/beast/http/verb.hpp>

#include "net/bearer_user.h"

namespace backcoach::net {
namespace {

constexpr std::string_view kMetricsType = "text/plain; version=0.0.4; charset=utf-8";

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

Response plain(http::status status, std::string body, std::string_view type, const Request& req) {
  Response res{status, req.version()};
  res.set(http::field::server, "backcoachd");
  res.set(http::field::content_type, type);
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

}  // namespace

HttpApi::HttpApi(Deps deps, std::shared_ptr<const StaticFiles> files)
    : deps_(std::move(deps)), cors_(deps_.origins), files_(std::move(files)) {
  add_routes();
}

void HttpApi::add_routes() {
  router_.add_get("/livez", [](const Request& req, const RouteParams&, Send send) {
    send(plain(http::status::ok, "ok\n", "text/plain; charset=utf-8", req));
  });
  router_.add_get("/readyz", [this](const Request& req, const RouteParams&, Send send) {
    readyz(req, std::move(send));
  });
  router_.add_get("/metrics", [this](const Request& req, const RouteParams&, Send send) {
    send(plain(http::status::ok, deps_.metrics.registry().render(), kMetricsType, req));
  });
  router_.add_get("/v1/chat",
                  [](const Request& req, const RouteParams&, Send send) {
                    auto res =
                        problem(http::status::upgrade_required,
                                "GET /v1/chat is a WebSocket endpoint; send an Upgrade request",
                                req.version(), req.keep_alive());
                    res.set(http::field::upgrade, "websocket");
                    send(std::move(res));
                  },
                  {.websocket = true});
  router_.add(http::verb::get, "/v1/me/conversation",
              [this](const Request& req, const RouteParams&, Send send) {
                export_conversation(req, std::move(send));
              });
  router_.add(
      http::verb::delete_, "/v1/me",
      [this](const Request& req, const RouteParams&, Send send) { erase(req, std::move(send)); });
  for (const char* path : {"/v1/me/conversation", "/v1/me"}) {
    cors_.add_preflight(router_, path, "GET, DELETE, OPTIONS");
  }
}

void HttpApi::set_static_files(std::shared_ptr<const StaticFiles> files) {
  std::lock_guard lock(files_mu_);
  files_.swap(files);
}

std::shared_ptr<const StaticFiles> HttpApi::files() const {
  std::lock_guard lock(files_mu_);
  return files_;
}

std::optional<std::string> HttpApi::bearer_token(const Request& req) {
  const auto it = req.find(http::field::authorization);
  if (it == req.end()) return std::nullopt;
  std::string_view value = it->value();
  constexpr std::string_view kScheme = "bearer ";
  if (!iequals_prefix(value, kScheme)) return std::nullopt;
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  return std::string(value);
}

bool HttpApi::websocket_endpoint(std::string_view path) const {
  const auto m = router_.match(http::verb::get, path);
  return m && m->websocket;
}

void HttpApi::handle(const Request& req, Send send) {
  const auto path = path_of(req.target());
  if (auto m = router_.match(req.method(), path)) {
    if (m->handler == nullptr) return send(method_not_allowed(req, m->allow));
    return (*m->handler)(req, m->params, std::move(send));
  }
  if (path.starts_with("/v1/")) {
    return send(
        problem(http::status::not_found, "no such endpoint", req.version(), req.keep_alive()));
  }
  const auto method = req.method();
  if (method != http::verb::get && method != http::verb::head) {
    return send(method_not_allowed(req, "GET, HEAD"));
  }
  // The widget's modules (widget/*.js) are imported by pages on other origins, and a
  // module is fetched with CORS: the pages allowed to chat may load them.
  cors_.wrap(req, std::move(send))(static_file(req));
}

void HttpApi::readyz(const Request& req, Send send) {
  if (deps_.draining.load()) {
    return send(problem(http::status::service_unavailable, "shutting down", req.version(),
                        req.keep_alive()));
  }
  deps_.service.check_ready([version = req.version(), keep = req.keep_alive(),
                             send = std::move(send)](std::optional<std::string> why_not) {
    if (why_not) {
      return send(problem(http::status::service_unavailable, *why_not, version, keep));
    }
    send(json_response(http::status::ok, {{"status", "ready"}}, version, keep));
  });
}

std::optional<std::string> HttpApi::authenticated(const Request& req, const Send& finish) const {
  return bearer_user(req, deps_.service, finish);
}

void HttpApi::export_conversation(const Request& req, Send send) {
  auto finish = cors_.wrap(req, std::move(send));
  const auto user = authenticated(req, finish);
  if (!user) return;
  deps_.service.export_user(*user, [finish, version = req.version(),
                                    keep = req.keep_alive()](auto r) {
    if (r.has_error()) {
      const bool gone = r.error() == service::ServiceError::bad_token;
      return finish(problem(gone ? http::status::not_found : http::status::service_unavailable,
                            gone ? "no such user" : "cannot read the record now", version, keep));
    }
    finish(json_response(http::status::ok, *r, version, keep));
  });
}

void HttpApi::erase(const Request& req, Send send) {
  auto finish = cors_.wrap(req, std::move(send));
  const auto user = authenticated(req, finish);
  if (!user) return;
  deps_.service.erase_user(
      *user, [finish, version = req.version(), keep = req.keep_alive()](auto r) {
        if (r.has_error()) {
          return finish(problem(http::status::service_unavailable, "cannot erase the record now",
                                version, keep));
        }
        if (!*r) return finish(problem(http::status::not_found, "no such user", version, keep));
        Response res{http::status::no_content, version};
        res.set(http::field::server, "backcoachd");
        res.keep_alive(keep);
        finish(std::move(res));
      });
}

Response HttpApi::static_file(const Request& req) const {
  const auto snapshot = files();
  const auto* file = snapshot ? snapshot->find(req.target()) : nullptr;
  if (file == nullptr) {
    return problem(http::status::not_found, "no such page", req.version(), req.keep_alive());
  }
  const auto match = req.find(http::field::if_none_match);
  const bool fresh = match != req.end() && match->value() == file->etag;
  Response res{fresh ? http::status::not_modified : http::status::ok, req.version()};
  res.set(http::field::server, "backcoachd");
  res.set(http::field::content_type, file->content_type);
  res.set(http::field::etag, file->etag);
  res.set(http::field::cache_control, file->cache_control);
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
  if (fresh) return res;
  // HEAD announces the length of the body it leaves out.
  if (req.method() == http::verb::get) res.body() = file->body;
  res.content_length(file->body.size());
  return res;
}

}  // namespace backcoach::net
