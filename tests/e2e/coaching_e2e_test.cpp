// Daily check-ins against a real backcoachd: a reminder chosen in the widget arrives
// as a `push` on the open connection, its answers land in GET /v1/me/journal; the
// reminder API's bad inputs; kill -9 while check-ins are being claimed sends each
// once; a long downtime sends one, not a backlog. The daemon's clock is shifted with
// --test-clock-offset so a reminder is due seconds after it is set.
#include <date/date.h>
#include <date/tz.h>
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e_env.h"
#include "ws_client.h"

namespace backcoach::e2e {
namespace {

using nlohmann::json;
using namespace std::chrono;
using Auth = std::map<std::string, std::string>;

constexpr const char* kZone = "America/New_York";

// A clock offset that puts the daemon `lead` before the start of a minute, so a
// reminder for "the next minute" is due about `lead` from now.
double offset_before_next_minute(seconds lead) {
  const auto now = system_clock::now();
  const auto next = ceil<minutes>(now + seconds{5}) + minutes{1};
  return duration<double>(next - lead - now).count();
}

// The wall-clock minute after the daemon's "now" in `zone`, "HH:MM".
std::string next_minute_in(const char* zone, double offset) {
  const auto daemon_now =
      system_clock::now() + duration_cast<system_clock::duration>(duration<double>(offset));
  const auto local = date::locate_zone(zone)->to_local(daemon_now);
  return date::format("%H:%M", floor<minutes>(local) + minutes{1});
}

json receive_until(WsClient& ws, const std::string& type) {
  for (;;) {
    json frame = ws.receive();
    if (frame["type"] == type) return frame;
  }
}

std::string text_of(const json& frame) {
  std::string all;
  for (const auto& m : frame["messages"]) all += m["text"].get<std::string>() + "\n";
  return all;
}

TEST(CoachingE2E, ACheckInIsPushedToTheOpenWidgetAndItsAnswersAreInTheJournal) {
  TempDir dir;
  const double offset = offset_before_next_minute(seconds{10});
  auto daemon = start_daemon(
      dir, {"--test-clock-offset", std::to_string(offset), "--checkin-interval", "0.2"});
  ASSERT_NE(daemon, nullptr);
  WsClient ws(daemon->port(), {}, seconds{90});
  ws.send({{"type", "hello"}, {"tz", kZone}});
  const json welcome = receive_until(ws, "welcome");
  const std::string token = welcome["token"];
  int id = 0;
  for (const auto& m : self_care_script()) ws.say(std::to_string(++id), m);
  const json offer = ws.say(std::to_string(++id), "better");
  ASSERT_NE(text_of(offer).find("What time suits you"), std::string::npos) << offer.dump();
  const std::string at = next_minute_in(kZone, offset);
  const json set = ws.say(std::to_string(++id), "yes, at " + at);
  ASSERT_NE(text_of(set).find("every day at " + at), std::string::npos) << set.dump();
  const Auth auth = {{"Authorization", "Bearer " + token}};
  const auto reminder = http_request(daemon->port(), "GET", "/v1/me/reminder", auth);
  ASSERT_EQ(reminder.status, 200u) << reminder.body;
  EXPECT_EQ(json::parse(reminder.body)["tz"], kZone);

  const json push = receive_until(ws, "push");  // the check-in, on this connection
  EXPECT_NE(text_of(push).find("0 (no pain) to 10"), std::string::npos) << push.dump();
  ws.say(std::to_string(++id), "it's a 3");
  ws.say(std::to_string(++id), "yes");
  const json last = ws.say(std::to_string(++id), "better");
  EXPECT_EQ(last["tier"], "self_care");

  const auto journal = http_request(daemon->port(), "GET", "/v1/me/journal", auth);
  ASSERT_EQ(journal.status, 200u);
  const json entries = json::parse(journal.body)["entries"];
  ASSERT_EQ(entries.size(), 1u) << journal.body;
  EXPECT_EQ(entries[0]["pain"], 3);
  EXPECT_EQ(entries[0]["routine_done"], true);
  EXPECT_EQ(entries[0]["felt"], "better");
  const auto daemon_now =
      system_clock::now() + duration_cast<system_clock::duration>(duration<double>(offset));
  EXPECT_EQ(entries[0]["date"],
            date::format("%F", floor<date::days>(date::locate_zone(kZone)->to_local(daemon_now))));
  // A reconnecting widget finds the check-in in its history.
  WsClient again(daemon->port());
  EXPECT_NE(again.hello(token)["history"].dump().find("0 (no pain) to 10"), std::string::npos);
  // Export has it; erase leaves nothing.
  const auto exported = http_request(daemon->port(), "GET", "/v1/me/conversation", auth);
  EXPECT_EQ(json::parse(exported.body)["journal"].size(), 1u);
  EXPECT_EQ(http_request(daemon->port(), "DELETE", "/v1/me", auth).status, 204u);
  EXPECT_EQ(http_request(daemon->port(), "GET", "/v1/me/journal", auth).status, 404u);
  EXPECT_EQ(http_request(daemon->port(), "GET", "/v1/me/reminder", auth).status, 404u);
}

TEST(CoachingE2E, TheReminderApiRefusesBadInput) {
  TempDir dir;
  auto daemon = start_daemon(dir);
  ASSERT_NE(daemon, nullptr);
  WsClient ws(daemon->port());
  const Auth auth = {{"Authorization", "Bearer " + ws.hello()["token"].get<std::string>()}};
  const auto port = daemon->port();
  struct Case {
    Auth headers;
    std::string body;
    unsigned status;
  };
  const Case cases[] = {
      {{}, R"({"time":"09:00","tz":"Europe/London"})", 401},
      {{{"Authorization", "Bearer someone.AAAA"}}, R"({"time":"09:00","tz":"Europe/London"})", 401},
      {auth, R"({"time":"9:00","tz":"Europe/London"})", 400},
      {auth, R"({"time":"24:00","tz":"Europe/London"})", 400},
      {auth, R"({"time":"09:00","tz":"Mars/Olympus_Mons"})", 400},
      {auth, R"({"time":"09:00"})", 400},
      {auth, R"(not json)", 400},
      {auth, R"(["09:00","Europe/London"])", 400},
      {auth, R"({"time":9,"tz":"Europe/London"})", 400},
  };
  for (const auto& c : cases) {
    const auto r = http_request(port, "PUT", "/v1/me/reminder", c.headers, c.body);
    EXPECT_EQ(r.status, c.status) << c.body;
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json") << c.body;
  }
  EXPECT_EQ(http_request(port, "GET", "/v1/me/reminder", auth).status, 404u);
  const auto ok = http_request(port, "PUT", "/v1/me/reminder", auth,
                               R"({"time":"07:45","tz":"Australia/Sydney"})");
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["time"], "07:45");
  EXPECT_EQ(http_request(port, "GET", "/v1/me/reminder", auth).status, 200u);
  EXPECT_EQ(http_request(port, "DELETE", "/v1/me/reminder", auth).status, 204u);
  EXPECT_EQ(http_request(port, "DELETE", "/v1/me/reminder", auth).status, 404u);
  EXPECT_EQ(http_request(port, "GET", "/v1/me/journal").status, 401u);
  EXPECT_EQ(http_request(port, "PATCH", "/v1/me/reminder", auth).status, 405u);
}

// How many check-in turns each person's export holds.
std::vector<int> checkins_per_person(unsigned short port, const std::vector<std::string>& tokens) {
  std::vector<int> out;
  for (const auto& token : tokens) {
    const auto r =
        http_request(port, "GET", "/v1/me/conversation", {{"Authorization", "Bearer " + token}});
    const json exported = json::parse(r.body);
    int n = 0;
    for (const auto& t : exported["turns"]) n += t["channel"] == "checkin" ? 1 : 0;
    out.push_back(n);
  }
  return out;
}

// The daemon's clock shifted so that `instant` comes `lead` after now.
double offset_to(system_clock::time_point instant, milliseconds lead) {
  return duration<double>(instant - lead - system_clock::now()).count();
}

system_clock::time_point shifted_now(double offset) {
  return system_clock::now() + duration_cast<system_clock::duration>(duration<double>(offset));
}

// 80 check-ins due at one instant, day after day; each day the daemon is killed with
// SIGKILL a little later into its claims (4 to 40 ms after the due instant), then
// restarted: every person has exactly one check-in per day. Then it stays down three
// days: one more each, not a backlog of three.
TEST(CoachingE2E, KillNineWhileClaimingThenRestartSendsEachCheckInOnce) {
  constexpr int kPeople = 80;
  TempDir dir;
  const std::vector<std::string> flags = {"--checkin-interval",     "0.01",
                                          "--quiet-hours",          "00:00-00:00",
                                          "--rate-limit-new-users", "1000"};
  auto start = [&](double offset) {
    auto f = flags;
    f.insert(f.end(), {"--test-clock-offset", std::to_string(offset)});
    return start_daemon(dir, f);
  };
  auto daemon = start(0);
  ASSERT_NE(daemon, nullptr);
  std::vector<std::string> tokens;
  for (int i = 0; i < kPeople; ++i) {
    WsClient ws(daemon->port());
    tokens.push_back(ws.hello()["token"]);
    const auto r = http_request(daemon->port(), "PUT", "/v1/me/reminder",
                                {{"Authorization", "Bearer " + tokens.back()}},
                                R"({"time":"12:00","tz":"UTC"})");
    ASSERT_EQ(r.status, 200u) << r.body;
  }
  const auto reminder = http_request(daemon->port(), "GET", "/v1/me/reminder",
                                     {{"Authorization", "Bearer " + tokens[0]}});
  date::sys_seconds first_due;
  std::istringstream in(json::parse(reminder.body)["next_due"].get<std::string>());
  in >> date::parse("%FT%T", first_due);
  ASSERT_FALSE(in.fail()) << reminder.body;
  daemon->signal(SIGTERM);
  ASSERT_EQ(daemon->wait_exit(seconds{15}), 0);

  const int delays_ms[] = {4, 8, 12, 18, 26, 40};
  int day = 0;
  for (const int delay : delays_ms) {
    const auto due = first_due + date::days{day++};
    const double offset = offset_to(due, seconds{3});
    daemon = start(offset);
    ASSERT_NE(daemon, nullptr);
    while (shifted_now(offset) < due + milliseconds{delay})
      std::this_thread::sleep_for(milliseconds{2});
    daemon->signal(SIGKILL);
    EXPECT_EQ(daemon->wait_exit(seconds{5}), -1);
    const auto before = daemon->log().size();
    daemon = start(offset);
    ASSERT_NE(daemon, nullptr);
    std::this_thread::sleep_for(seconds{2});
    const auto log = daemon->log().substr(before);
    const auto sent = log.find("\"sent\":");
    std::cout << "day " << day << ", killed " << delay << " ms after the due instant: "
              << kPeople - (sent == std::string::npos ? 0 : std::stoi(log.substr(sent + 7)))
              << " of " << kPeople << " committed before the kill\n";
    const auto counts = checkins_per_person(daemon->port(), tokens);
    for (int i = 0; i < kPeople; ++i)
      EXPECT_EQ(counts[i], day) << "person " << i << ", day " << day;
    daemon->signal(SIGTERM);
    ASSERT_EQ(daemon->wait_exit(seconds{15}), 0);
  }

  // Down for three days, back a few minutes after the time: one check-in each now.
  daemon = start(offset_to(first_due + date::days{day + 2} + minutes{3}, seconds{0}));
  ASSERT_NE(daemon, nullptr);
  std::this_thread::sleep_for(seconds{2});
  const auto counts = checkins_per_person(daemon->port(), tokens);
  for (int i = 0; i < kPeople; ++i) EXPECT_EQ(counts[i], day + 1) << "person " << i;
}

}  // namespace
}  // namespace backcoach::e2e
