#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/result.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/conversation_log.h"
#include "store/reminders.h"

namespace backcoach::coach {

enum class ReminderError {
  bad_time,     // not "HH:MM"
  bad_zone,     // not a zone of the system's IANA database
  referred,     // the conversation's tier is `soon` or higher: no daily check-ins
  no_user,      // erased
  unavailable,  // the store failed or refuses writes
};

template <class T>
using ReminderResult = boost::system::result<T, ReminderError>;

// The reminder and journal a person reads and sets over HTTP (/v1/me/reminder,
// /v1/me/journal). Validation is immediate; store work runs on `blocking`.
// Handlers run on an unspecified thread, once each.
// Thread-safety: any thread. Must outlive the operations it started.
class ReminderService {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC milliseconds, injected

  ReminderService(boost::asio::any_io_executor blocking, store::Reminders& reminders,
                  store::ConversationLog& conversations, Clock clock);

  // Sets the daily check-in at `time` ("HH:MM") in `tz`, delivered on `channel`.
  void put(const std::string& user_id, const std::string& time, const std::string& tz,
           const std::string& channel, std::function<void(ReminderResult<store::Reminder>)> done);
  void get(const std::string& user_id,
           std::function<void(ReminderResult<std::optional<store::Reminder>>)> done);
  // true when there was one.
  void remove(const std::string& user_id, std::function<void(ReminderResult<bool>)> done);
  // The last `days` entries, oldest first.
  void journal(const std::string& user_id, int days,
               std::function<void(ReminderResult<std::vector<store::JournalEntry>>)> done);

 private:
  ReminderResult<store::Reminder> put_now(const store::Reminder& reminder);

  boost::asio::any_io_executor blocking_;
  store::Reminders& reminders_;
  store::ConversationLog& conversations_;
  Clock clock_;
};

}  // namespace backcoach::coach
