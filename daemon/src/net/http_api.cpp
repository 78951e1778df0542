#include "net/http_api.h"

#include <boost/asio/post.hpp>
#include <boost/beast/http/verb.hpp>

namespace backcoach::net {
namespace {

constexpr std::string_view kMetricsType = "text/plain; version=0.0.4; charset=utf-8";
constexpr std::string_view kMePrefix = "/v1/me";

std::string_view path_of(const Request& req) {
  const std::string_view target = req.target();
  return target.substr(0, target.find('?'));
}

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

Response method_not_allowed(const Request& req, std::string_view allow) {
  auto res = problem(http::status::method_not_allowed, "method not allowed here", req.version(),
                     req.keep_alive());
  res.set(http::field::allow, allow);
  return res;
}

}  // namespace

HttpApi::HttpApi(Deps deps, std::shared_ptr<const StaticFiles> files)
    : deps_(std::move(deps)), files_(std::move(files)) {}

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

void HttpApi::handle(const Request& req, Send send) {
  const auto path = path_of(req);
  const auto method = req.method();
  const bool get = method == http::verb::get || method == http::verb::head;
  if (path == "/livez") {
    if (!get) return send(method_not_allowed(req, "GET, HEAD"));
    return send(plain(http::status::ok, "ok\n", "text/plain; charset=utf-8", req));
  }
  if (path == "/readyz") {
    if (!get) return send(method_not_allowed(req, "GET, HEAD"));
    return readyz(req, std::move(send));
  }
  if (path == "/metrics") {
    if (!get) return send(method_not_allowed(req, "GET, HEAD"));
    return send(plain(http::status::ok, deps_.metrics.registry().render(), kMetricsType, req));
  }
  if (path == "/v1/chat") {
    auto res = problem(http::status::upgrade_required,
                       "GET /v1/chat is a WebSocket endpoint; send an Upgrade request",
                       req.version(), req.keep_alive());
    res.set(http::field::upgrade, "websocket");
    return send(std::move(res));
  }
  if (path == kMePrefix || path.starts_with("/v1/me/")) {
    if (method == http::verb::options) return send(preflight(req));
    return me(req, std::move(send));
  }
  if (path.starts_with("/v1/")) {
    return send(problem(http::status::not_found, "no such endpoint", req.version(),
                        req.keep_alive()));
  }
  if (!get) return send(method_not_allowed(req, "GET, HEAD"));
  send(static_file(req));
}

void HttpApi::readyz(const Request& req, Send send) {
  if (deps_.draining.load()) {
    return send(problem(http::status::service_unavailable, "shutting down", req.version(),
                        req.keep_alive()));
  }
  if (!deps_.rules.get()) {
    return send(problem(http::status::service_unavailable, "no rule set loaded", req.version(),
                        req.keep_alive()));
  }
  // writable() may touch the database: ask from the blocking pool.
  boost::asio::post(deps_.blocking, [this, version = req.version(), keep = req.keep_alive(),
                                     send = std::move(send)] {
    if (!deps_.store.writable()) {
      return send(problem(http::status::service_unavailable, "database is not writable", version,
                          keep));
    }
    send(json_response(http::status::ok, {{"status", "ready"}}, version, keep));
  });
}

void HttpApi::me(const Request& req, Send send) {
  const auto path = path_of(req);
  const bool export_path = path == "/v1/me/conversation" && req.method() == http::verb::get;
  const bool erase_path = path == kMePrefix && req.method() == http::verb::delete_;
  if (!export_path && !erase_path) {
    if (path == "/v1/me/conversation") return send(method_not_allowed(req, "GET, OPTIONS"));
    if (path == kMePrefix) return send(method_not_allowed(req, "DELETE, OPTIONS"));
    return send(problem(http::status::not_found, "no such endpoint", req.version(),
                        req.keep_alive()));
  }
  const auto token = bearer_token(req);
  const auto user = token ? deps_.service.authenticate(*token) : std::nullopt;
  const unsigned version = req.version();
  const bool keep = req.keep_alive();
  auto finish = [this, cors = cors_of(req), send = std::move(send)](Response res) {
    add_cors(cors, res);
    send(std::move(res));
  };
  if (!user) {
    auto res = problem(http::status::unauthorized, "a valid Bearer token is required", version,
                       keep);
    res.set(http::field::www_authenticate, "Bearer");
    return finish(std::move(res));
  }
  if (export_path) {
    deps_.service.export_user(*user, [finish, version, keep](auto r) {
      if (r.has_error()) {
        const bool gone = r.error() == service::ServiceError::bad_token;
        return finish(problem(gone ? http::status::not_found : http::status::service_unavailable,
                              gone ? "no such user" : "cannot read the record now", version,
                              keep));
      }
      finish(json_response(http::status::ok, *r, version, keep));
    });
    return;
  }
  deps_.service.erase_user(*user, [finish, version, keep](auto r) {
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

HttpApi::Cors HttpApi::cors_of(const Request& req) {
  const auto origin = req.find(http::field::origin);
  return {origin == req.end() ? std::string() : std::string(origin->value())};
}

void HttpApi::add_cors(const Cors& cors, Response& res) const {
  res.set(http::field::vary, "Origin");
  if (cors.origin.empty() || !deps_.origins.allows(cors.origin)) return;
  res.set(http::field::access_control_allow_origin, cors.origin);
}

Response HttpApi::preflight(const Request& req) const {
  Response res{http::status::no_content, req.version()};
  res.set(http::field::server, "backcoachd");
  res.keep_alive(req.keep_alive());
  add_cors(cors_of(req), res);
  if (res.find(http::field::access_control_allow_origin) != res.end()) {
    res.set(http::field::access_control_allow_methods, "GET, DELETE, OPTIONS");
    res.set(http::field::access_control_allow_headers, "Authorization, Content-Type");
    res.set(http::field::access_control_max_age, "600");
  }
  return res;
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
