#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"

namespace backcoach::store {

// A person's daily check-in: the wall-clock time they chose in their zone, and the
// next instant it is due in UTC (computed by coach/ with the zone's rules).
struct Reminder {
  std::string user_id;
  std::string kind = "daily";                // "daily": every day at local_time; "follow_up": once
                                             // (after a referral: did they see someone?), then gone
  std::string local_time;                    // "HH:MM" in `tz`
  std::string tz;                            // IANA zone name
  std::string channel;                       // where it is delivered: "ws", "telegram", "bot:<id>"
  std::int64_t next_due_ms = 0;              // UTC milliseconds
  std::optional<std::int64_t> last_sent_ms;  // the last check-in that went out
  friend bool operator==(const Reminder&, const Reminder&) = default;
};

// A due reminder with what the scheduler needs to decide about it.
struct DueReminder {
  Reminder reminder;
  std::optional<std::string> tier;  // the conversation's triage tier, null before triage
};

// Moves a due reminder on: applied only while its next_due_ms is still `due_ms`, so
// two claims of one occurrence cannot both win (a restart, a second daemon, a
// PUT in between). `next_due_ms` null deletes the reminder (a follow-up sent).
struct ReminderClaim {
  std::string user_id;
  std::int64_t due_ms = 0;                  // the occurrence being claimed
  std::optional<std::int64_t> next_due_ms;  // where it moves; null: delete it
  std::string kind = "daily";               // its kind afterwards
  bool sent = false;                        // a check-in goes out with it (last_sent_ms)
};

// One day of the pain journal, in the person's zone.
struct JournalEntry {
  std::string date;         // "YYYY-MM-DD"
  std::optional<int> pain;  // 0-10
  std::optional<bool> routine_done;
  std::optional<std::string> felt;  // "better", "same", "worse"
  std::vector<std::string> flags;   // red flags raised while answering
  std::int64_t updated_at_ms = 0;
  friend bool operator==(const JournalEntry&, const JournalEntry&) = default;
};

// What a check-in turn writes to the journal. An opening (the check-in was asked)
// makes the entry for `date`; answers go to the person's latest entry (the day the
// check-in was asked, even when answered after midnight), or make one for `date`.
struct JournalChange {
  std::string date;
  bool opens = false;
  std::optional<int> pain;
  std::optional<bool> routine_done;
  std::optional<std::string> felt;
  std::vector<std::string> flags;  // added to the entry's flags
};

// The coaching writes that commit in a turn's own transaction (TurnRecord::coaching):
// a turn and its reminder claim or journal answer are stored together or not at all.
struct CoachingWrites {
  std::optional<ReminderClaim> claim;    // a scheduled check-in: the turn is refused with
                                         // errc::duplicate when the claim is lost
  std::optional<Reminder> set_reminder;  // chosen in the conversation
  bool stop_reminders = false;           // "stop reminders" in the conversation
  std::optional<JournalChange> journal;
};

// Reminders and the pain journal (migration 6). Erasing a person erases both.
// Thread-safety: every method from any thread; never from an I/O thread.
class Reminders {
 public:
  virtual ~Reminders() = default;

  // Sets (or replaces) the person's reminder. errc::not_found for no such user.
  virtual result<void> put_reminder(const Reminder& reminder, std::int64_t now_ms) = 0;
  virtual result<std::optional<Reminder>> find_reminder(const std::string& user_id) = 0;
  // False when there was none.
  virtual result<bool> delete_reminder(const std::string& user_id) = 0;

  // Up to `limit` reminders due at `now_ms` (next_due_ms <= now_ms), earliest first.
  virtual result<std::vector<DueReminder>> due_reminders(std::int64_t now_ms, int limit) = 0;

  // A claim with no turn (an occurrence skipped, a reminder turned into a
  // follow-up). False when it was lost (the reminder moved meanwhile).
  virtual result<bool> move_reminder(const ReminderClaim& claim, std::int64_t now_ms) = 0;

  // The person's journal, oldest first, at most the last `limit` days.
  // errc::not_found for no such user.
  virtual result<std::vector<JournalEntry>> journal(const std::string& user_id, int limit) = 0;
};

}  // namespace backcoach::store
