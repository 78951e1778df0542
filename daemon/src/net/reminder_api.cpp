#include "net/reminder_api.h"

#include <boost/url/parse.hpp>

#include "coach/journal_chart.h"
#include "net/bearer_user.h"
#include "net/http_api.h"
#include "store/iso_time.h"

namespace backcoach::net {
namespace {

using nlohmann::json;

constexpr int kJournalDays = 366;
constexpr int kChartDays = 14;  // the widget's chart: two weeks, the trend's window

// The `days` query parameter: `fallback` when absent, nullopt when not 1-366.
std::optional<int> days_param(const Request& req, int fallback) {
  const auto url = boost::urls::parse_origin_form(req.target());
  if (!url) return std::nullopt;
  const auto params = url->params();
  const auto it = params.find("days");
  if (it == params.end()) return fallback;
  const std::string value = (*it).value;
  if (value.empty() || value.size() > 3 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int days = std::stoi(value);
  if (days < 1 || days > kJournalDays) return std::nullopt;
  return days;
}

json reminder_json(const store::Reminder& r) {
  return {{"time", r.local_time},
          {"tz", r.tz},
          {"channel", r.channel},
          {"kind", r.kind},
          {"next_due", store::iso8601_utc(r.next_due_ms)}};
}

json entry_json(const store::JournalEntry& e) {
  return {{"date", e.date},
          {"pain", e.pain ? json(*e.pain) : json(nullptr)},
          {"routine_done", e.routine_done ? json(*e.routine_done) : json(nullptr)},
          {"felt", e.felt ? json(*e.felt) : json(nullptr)},
          {"flags", e.flags}};
}

// What the answer needs of its request, kept by value: it is sent after the handler returned.
struct Reply {
  unsigned version;
  bool keep_alive;
};

Response failure(coach::ReminderError e, Reply req) {
  switch (e) {
    case coach::ReminderError::bad_time:
      return problem(http::status::bad_request, "time must be \"HH:MM\", 00:00 to 23:59",
                     req.version, req.keep_alive);
    case coach::ReminderError::bad_zone:
      return problem(http::status::bad_request,
                     "tz must be an IANA time zone name, such as Europe/London", req.version,
                     req.keep_alive);
    case coach::ReminderError::referred:
      return problem(http::status::conflict,
                     "daily check-ins are paused: please see a professional first", req.version,
                     req.keep_alive);
    case coach::ReminderError::no_user:
      return problem(http::status::not_found, "no such user", req.version, req.keep_alive);
    case coach::ReminderError::unavailable:
      break;
  }
  return problem(http::status::service_unavailable, "cannot reach the record now", req.version,
                 req.keep_alive);
}

Response not_found(const char* what, Reply req) {
  return problem(http::status::not_found, what, req.version, req.keep_alive);
}

Reply reply_to(const Request& req) { return {req.version(), req.keep_alive()}; }

}  // namespace

void ReminderApi::add_routes(Router& router, const OriginPolicy& origins) {
  cors_.emplace(origins);
  // Every answer, errors too, carries the CORS headers: the page must be able to read a 401.
  const auto route = [&](http::verb verb, const char* path, auto handler) {
    router.add(verb, path,
               [this, handler](const Request& req, const RouteParams&, Router::Send send) {
                 (this->*handler)(req, cors_->wrap(req, std::move(send)));
               });
  };
  route(http::verb::put, "/v1/me/reminder", &ReminderApi::put);
  route(http::verb::get, "/v1/me/reminder", &ReminderApi::get);
  route(http::verb::delete_, "/v1/me/reminder", &ReminderApi::remove);
  router.add(http::verb::get, "/v1/me/journal",
             [this](const Request& req, const RouteParams&, Router::Send send) {
               journal(req, cors_->wrap(req, std::move(send)), false);
             });
  router.add(http::verb::get, "/v1/me/journal.svg",
             [this](const Request& req, const RouteParams&, Router::Send send) {
               journal(req, cors_->wrap(req, std::move(send)), true);
             });
  cors_->add_preflight(router, "/v1/me/reminder", "GET, PUT, DELETE, OPTIONS");
  cors_->add_preflight(router, "/v1/me/journal", "GET, OPTIONS");
  cors_->add_preflight(router, "/v1/me/journal.svg", "GET, OPTIONS");
}

void ReminderApi::put(const Request& req, Router::Send send) {
  const auto user = bearer_user(req, chat_, send);
  if (!user) return;
  const json body = json::parse(req.body(), nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("time") || !body["time"].is_string() ||
      !body.contains("tz") || !body["tz"].is_string()) {
    return send(
        problem(http::status::bad_request,
                "the body must be a JSON object {\"time\":\"HH:MM\",\"tz\":\"<IANA zone>\"}",
                req.version(), req.keep_alive()));
  }
  reminders_.put(
      *user, body["time"].get<std::string>(), body["tz"].get<std::string>(), "ws",
      [send, to = reply_to(req)](auto r) {
        if (r.has_error()) return send(failure(r.error(), to));
        send(json_response(http::status::ok, reminder_json(*r), to.version, to.keep_alive));
      });
}

void ReminderApi::get(const Request& req, Router::Send send) {
  const auto user = bearer_user(req, chat_, send);
  if (!user) return;
  reminders_.get(*user, [send, to = reply_to(req)](auto r) {
    if (r.has_error()) return send(failure(r.error(), to));
    if (!*r) return send(not_found("no reminder is set", to));
    send(json_response(http::status::ok, reminder_json(**r), to.version, to.keep_alive));
  });
}

void ReminderApi::remove(const Request& req, Router::Send send) {
  const auto user = bearer_user(req, chat_, send);
  if (!user) return;
  reminders_.remove(*user, [send, to = reply_to(req)](auto r) {
    if (r.has_error()) return send(failure(r.error(), to));
    if (!*r) return send(not_found("no reminder is set", to));
    send(no_content(to.version, to.keep_alive));
  });
}

void ReminderApi::journal(const Request& req, Router::Send send, bool svg) {
  const auto user = bearer_user(req, chat_, send);
  if (!user) return;
  const auto days = days_param(req, svg ? kChartDays : kJournalDays);
  if (!days) {
    return send(problem(http::status::bad_request, "days must be a whole number from 1 to 366",
                        req.version(), req.keep_alive()));
  }
  reminders_.journal(*user, kJournalDays, [send, svg, days = *days, to = reply_to(req)](auto r) {
    if (r.has_error()) return send(failure(r.error(), to));
    const auto shown = coach::last_days(*r, days);
    if (svg) {
      auto doc = coach::journal_svg(shown, days);
      if (doc.empty()) return send(failure(coach::ReminderError::unavailable, to));
      Response res{http::status::ok, to.version};
      res.set(http::field::server, "backcoachd");
      res.set(http::field::content_type, "image/svg+xml; charset=utf-8");
      res.set(http::field::cache_control, "no-store");
      res.keep_alive(to.keep_alive);
      res.body() = std::move(doc);
      res.prepare_payload();
      return send(std::move(res));
    }
    json entries = json::array();
    for (const auto& e : shown) entries.push_back(entry_json(e));
    send(json_response(http::status::ok, {{"entries", std::move(entries)}}, to.version,
                       to.keep_alive));
  });
}

}  // namespace backcoach::net
