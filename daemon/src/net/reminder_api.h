#pragma once

#include <optional>

#include "coach/reminder_service.h"
#include "net/cors.h"
#include "net/router.h"
#include "service/chat_service.h"

namespace backcoach::net {

// The person's daily check-in and pain journal over HTTP (docs/openapi.yaml,
// docs/coaching.md), each with the widget token as a Bearer token:
//   PUT    /v1/me/reminder  {"time":"HH:MM","tz":"<IANA zone>"}  -> 200 the reminder
//   GET    /v1/me/reminder                                       -> 200, or 404 none
//   DELETE /v1/me/reminder                                       -> 204, or 404 none
//   GET    /v1/me/journal[?days=N]                               -> 200 {"entries":[...]}
//   GET    /v1/me/journal.svg[?days=N]                           -> 200 image/svg+xml, the
//                                                                   chart (coach/journal_chart.h)
//   OPTIONS on each of them: the CORS preflight (net/cors.h); every answer carries the
//   CORS headers, so the widget on an allowed page can call them.
// `days` (1-366, default all for JSON, 14 for the chart) keeps the last N days up to
// the newest entry. A bad token is 401, a bad body, time, zone or days 400, a referred
// conversation 409, all application/problem+json.
// Thread-safety: the handlers run on any thread, concurrently.
class ReminderApi {
 public:
  ReminderApi(service::ChatService& chat, coach::ReminderService& reminders)
      : chat_(chat), reminders_(reminders) {}

  // `origins` must outlive the routes.
  void add_routes(Router& router, const OriginPolicy& origins);

 private:
  void put(const Request& req, Router::Send send);
  void get(const Request& req, Router::Send send);
  void remove(const Request& req, Router::Send send);
  void journal(const Request& req, Router::Send send, bool svg);

  service::ChatService& chat_;
  coach::ReminderService& reminders_;
  std::optional<Cors> cors_;  // set by add_routes
};

}  // namespace backcoach::net
