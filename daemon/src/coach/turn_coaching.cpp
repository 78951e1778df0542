#include "coach/turn_coaching.h"

#include "coach/local_time.h"
#include "triage/tier.h"

namespace backcoach::coach {
namespace {

TimeZone zone_of(const std::string& name) {
  if (auto zone = TimeZone::find(name)) return *zone;
  return *TimeZone::find("UTC");
}

void answer(const dialogue::JournalAnswer& a, store::JournalChange& change) {
  if (a.field == "pain" && a.value.is_number()) change.pain = a.value.get<int>();
  if (a.field == "routine_done" && a.value.is_boolean()) change.routine_done = a.value.get<bool>();
  if (a.field == "felt" && a.value.is_string()) change.felt = a.value.get<std::string>();
  if (a.field == "flags" && a.value.is_array()) {
    for (const auto& f : a.value) {
      if (f.is_string()) change.flags.push_back(f.get<std::string>());
    }
  }
}

bool referred(const dialogue::StepResult& step) {
  return step.state.tier && *step.state.tier >= triage::Tier::kSoon;
}

}  // namespace

void TurnCoaching::operator()(const service::TurnRequest& turn, const dialogue::StepResult& step,
                              store::TurnRecord& record) const {
  // The channel's zone (the widget's browser), else the one the person named in the chat.
  const auto zone = zone_of(turn.time_zone.empty() ? step.state.time_zone : turn.time_zone);
  const auto now = clock_();
  store::JournalChange journal;
  journal.date = zone.date_at(now);
  bool journalled = false;
  for (const auto& action : step.actions) {
    if (std::holds_alternative<dialogue::OpenJournal>(action)) {
      journal.opens = journalled = true;
    } else if (const auto* a = std::get_if<dialogue::JournalAnswer>(&action)) {
      answer(*a, journal);
      journalled = true;
    } else if (const auto* set = std::get_if<dialogue::SetReminder>(&action)) {
      if (referred(step)) continue;  // after a referral: no daily check-ins
      const LocalTime time{set->minutes};
      // The zone the person named in the chat, else the channel's (checked by the engine
      // against the same tz database, so it is found).
      const auto in = set->zone.empty() ? zone : zone_of(set->zone);
      record.coaching.set_reminder = store::Reminder{
          record.user_id,     "daily",     time.to_string(), in.name(), record.channel,
          in.next(time, now), std::nullopt};
    } else if (std::holds_alternative<dialogue::StopReminders>(action)) {
      record.coaching.stop_reminders = true;
      record.coaching.set_reminder.reset();
    }
  }
  if (journalled) record.coaching.journal = std::move(journal);
}

}  // namespace backcoach::coach
