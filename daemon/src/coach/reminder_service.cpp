#include "coach/reminder_service.h"

#include <boost/asio/post.hpp>

#include "coach/local_time.h"
#include "triage/tier.h"

namespace backcoach::coach {
namespace {

template <class T>
ReminderResult<T> error(ReminderError e) {
  return ReminderResult<T>(boost::system::in_place_error, e);
}

ReminderError store_error(boost::system::error_code ec) {
  return ec == errc::not_found ? ReminderError::no_user : ReminderError::unavailable;
}

bool referred(const nlohmann::json& state) {
  if (!state.is_object() || !state.contains("tier") || !state["tier"].is_string()) return false;
  const auto tier = triage::parse_tier(state["tier"].get<std::string>());
  return tier && *tier >= triage::Tier::kSoon;
}

}  // namespace

ReminderService::ReminderService(boost::asio::any_io_executor blocking, store::Reminders& reminders,
                                 store::ConversationLog& conversations, Clock clock)
    : blocking_(std::move(blocking)),
      reminders_(reminders),
      conversations_(conversations),
      clock_(std::move(clock)) {}

void ReminderService::put(const std::string& user_id, const std::string& time,
                          const std::string& tz, const std::string& channel,
                          std::function<void(ReminderResult<store::Reminder>)> done) {
  const auto at = LocalTime::parse(time);
  if (!at) return done(error<store::Reminder>(ReminderError::bad_time));
  const auto zone = TimeZone::find(tz);
  if (!zone) return done(error<store::Reminder>(ReminderError::bad_zone));
  store::Reminder r{user_id, "daily", at->to_string(), zone->name(), channel, 0, std::nullopt};
  boost::asio::post(blocking_, [this, r = std::move(r), at = *at, zone = *zone,
                                done = std::move(done)]() mutable {
    r.next_due_ms = zone.next(at, clock_());
    done(put_now(r));
  });
}

ReminderResult<store::Reminder> ReminderService::put_now(const store::Reminder& reminder) {
  auto conversation = conversations_.load_conversation(reminder.user_id);
  if (conversation.has_error()) return error<store::Reminder>(store_error(conversation.error()));
  if (referred(conversation->state)) return error<store::Reminder>(ReminderError::referred);
  auto put = reminders_.put_reminder(reminder, clock_());
  if (put.has_error()) return error<store::Reminder>(store_error(put.error()));
  return reminder;
}

void ReminderService::get(
    const std::string& user_id,
    std::function<void(ReminderResult<std::optional<store::Reminder>>)> done) {
  boost::asio::post(blocking_, [this, user_id, done = std::move(done)] {
    auto found = reminders_.find_reminder(user_id);
    if (found.has_error())
      return done(error<std::optional<store::Reminder>>(store_error(found.error())));
    done(std::move(*found));
  });
}

void ReminderService::remove(const std::string& user_id,
                             std::function<void(ReminderResult<bool>)> done) {
  boost::asio::post(blocking_, [this, user_id, done = std::move(done)] {
    auto gone = reminders_.delete_reminder(user_id);
    if (gone.has_error()) return done(error<bool>(store_error(gone.error())));
    done(ReminderResult<bool>(boost::system::in_place_value, *gone));
  });
}

void ReminderService::journal(
    const std::string& user_id, int days,
    std::function<void(ReminderResult<std::vector<store::JournalEntry>>)> done) {
  boost::asio::post(blocking_, [this, user_id, days, done = std::move(done)] {
    auto entries = reminders_.journal(user_id, days);
    if (entries.has_error()) {
      return done(error<std::vector<store::JournalEntry>>(store_error(entries.error())));
    }
    done(std::move(*entries));
  });
}

}  // namespace backcoach::coach
