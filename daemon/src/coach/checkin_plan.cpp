#include "coach/checkin_plan.h"

#include "triage/tier.h"

namespace backcoach::coach {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

TimeZone zone_of(const store::Reminder& r) {
  if (auto zone = TimeZone::find(r.tz)) return *zone;
  return *TimeZone::find("UTC");
}

bool referred(const std::optional<std::string>& tier) {
  if (!tier) return false;
  const auto t = triage::parse_tier(*tier);
  return t && *t >= triage::Tier::kSoon;
}

// The first instant at or after `at_ms` outside quiet hours.
std::int64_t out_of_quiet(const TimeZone& zone, const QuietHours& quiet, std::int64_t at_ms) {
  if (!quiet.contains(zone.time_at(at_ms))) return at_ms;
  return zone.next(quiet.end, at_ms);
}

store::ReminderClaim claim(const store::Reminder& r, std::optional<std::int64_t> next,
                           std::string kind, bool sent) {
  return {r.user_id, r.next_due_ms, next, std::move(kind), sent};
}

CheckinPlan plan_follow_up(const store::Reminder& r, const TimeZone& zone, std::int64_t now_ms,
                           const CheckinPolicy& policy) {
  const auto allowed = out_of_quiet(zone, policy.quiet, now_ms);
  if (allowed > now_ms) return {"", claim(r, allowed, "follow_up", false), 0};
  return {"followup_due", claim(r, std::nullopt, "follow_up", true), 0};
}

CheckinPlan plan_daily(const store::Reminder& r, const TimeZone& zone, std::int64_t now_ms,
                       const CheckinPolicy& policy) {
  const auto time = LocalTime::parse(r.local_time).value_or(LocalTime{9 * 60});
  const auto next = zone.next(time, now_ms);
  const bool late = now_ms - r.next_due_ms > policy.late_after_ms;
  if (!late) return {"checkin_due", claim(r, next, "daily", true), 0};
  // Late: at most one check-in a day, and only at a decent hour.
  const bool today_ahead = zone.date_at(next) == zone.date_at(now_ms);
  if (today_ahead || policy.quiet.contains(zone.time_at(now_ms))) {
    return {"", claim(r, next, "daily", false), 0};
  }
  return {"checkin_due", claim(r, next, "daily", true), 0};
}

}  // namespace

bool QuietHours::contains(LocalTime t) const {
  if (start.minutes == end.minutes) return false;  // no quiet hours
  if (start.minutes < end.minutes) return t.minutes >= start.minutes && t.minutes < end.minutes;
  return t.minutes >= start.minutes || t.minutes < end.minutes;
}

std::optional<QuietHours> QuietHours::parse(std::string_view text) {
  if (text.size() != 11 || text[5] != '-') return std::nullopt;
  const auto start = LocalTime::parse(text.substr(0, 5));
  const auto end = LocalTime::parse(text.substr(6));
  if (!start || !end) return std::nullopt;
  return QuietHours{*start, *end};
}

CheckinPlan plan_checkin(const store::DueReminder& due, std::int64_t now_ms,
                         const CheckinPolicy& policy) {
  const auto& r = due.reminder;
  const auto zone = zone_of(r);
  CheckinPlan plan;
  if (r.kind == "follow_up") {
    plan = plan_follow_up(r, zone, now_ms, policy);
  } else if (referred(due.tier)) {
    const auto at = out_of_quiet(zone, policy.quiet, now_ms + policy.follow_up_days * kDayMs);
    plan = {"", claim(r, at, "follow_up", false), 0};
  } else {
    plan = plan_daily(r, zone, now_ms, policy);
  }
  plan.day = zone.day_at(now_ms);
  return plan;
}

}  // namespace backcoach::coach
