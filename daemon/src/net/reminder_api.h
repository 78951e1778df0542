#pragma once

#include "coach/reminder_service.h"
#include "net/router.h"
#include "service/chat_service.h"

namespace backcoach::net {

// The person's daily check-in and pain journal over HTTP (docs/openapi.yaml,
// docs/coaching.md), each with the widget token as a Bearer token:
//   PUT    /v1/me/reminder  {"time":"HH:MM","tz":"<IANA zone>"}  -> 200 the reminder
//   GET    /v1/me/reminder                                       -> 200, or 404 none
//   DELETE /v1/me/reminder                                       -> 204, or 404 none
//   GET    /v1/me/journal                                        -> 200 {"entries":[...]}
// A bad token is 401, a bad body, time or zone 400, a referred conversation 409,
// all application/problem+json.
// Thread-safety: the handlers run on any thread, concurrently.
class ReminderApi {
 public:
  ReminderApi(service::ChatService& chat, coach::ReminderService& reminders)
      : chat_(chat), reminders_(reminders) {}

  void add_routes(Router& router);

 private:
  void put(const Request& req, Router::Send send);
  void get(const Request& req, Router::Send send);
  void remove(const Request& req, Router::Send send);
  void journal(const Request& req, Router::Send send);
  // The token's user, or nullopt after answering 401.
  std::optional<std::string> user_of(const Request& req, const Router::Send& send) const;

  service::ChatService& chat_;
  coach::ReminderService& reminders_;
};

}  // namespace backcoach::net
