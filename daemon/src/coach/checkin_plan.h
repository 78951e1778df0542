#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "coach/local_time.h"
#include "store/reminders.h"

namespace backcoach::coach {

// Hours in which the daemon sends nothing the person did not schedule themselves
// (a follow-up it chose, a check-in it is late with). Default 21:00-08:00 on the
// person's clock; a start after the end wraps past midnight.
struct QuietHours {
  LocalTime start{21 * 60};
  LocalTime end{8 * 60};

  bool contains(LocalTime t) const;
  // "HH:MM-HH:MM"; nullopt for anything else.
  static std::optional<QuietHours> parse(std::string_view text);
};

struct CheckinPolicy {
  QuietHours quiet;
  // A check-in sent later than this after its time is the daemon's doing, not the
  // person's (the daemon was down): quiet hours apply to it.
  std::int64_t late_after_ms = 60 * 60 * 1000;
  int follow_up_days = 3;  // from the rules (rules/coaching.yaml)
};

// What to do with one due reminder. `event` is the engine event to send now
// ("checkin_due", "followup_due"), or "" when nothing goes out; `claim` moves the
// reminder on in the same transaction either way.
struct CheckinPlan {
  std::string event;
  store::ReminderClaim claim;
  int day = 0;  // the person's date now, days since 1970-01-01 (the trend's day)
};

// The decision, pure (coach/checkin_scheduler.h applies it):
//  - a daily reminder on time: the check-in, next due at the person's time tomorrow;
//  - one late (the daemon was down): one check-in now, never a backlog; none when
//    today's time is still ahead (it comes then), and none in quiet hours;
//  - the conversation's tier `soon` or higher: no more check-ins; the reminder
//    becomes one follow-up `follow_up_days` later (out of quiet hours);
//  - a follow-up: sent out of quiet hours, then the reminder is gone.
// An unknown zone (tzdata changed under a stored one) is read as UTC.
CheckinPlan plan_checkin(const store::DueReminder& due, std::int64_t now_ms,
                         const CheckinPolicy& policy);

}  // namespace backcoach::coach
