#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace backcoach::e2e {

// One row of the daemon's `turns` table, as the crash-safety test checks it.
struct StoredTurn {
  std::string user_id;
  std::string client_msg_id;  // "" for a turn without one (a conversation's opening)
  std::int64_t turn_no = 0;
  std::string user_text;
};

// Every turn in the SQLite database at `path`, ordered by user and turn number,
// read through a read-only connection. Fails the calling test (gtest ADD_FAILURE)
// and returns what it read so far when the database cannot be read.
std::vector<StoredTurn> read_turns(const std::string& path);

// One row of the daemon's `reminders` table.
struct StoredReminder {
  std::string user_id;
  std::string local_time;  // "HH:MM"
  std::string tz;          // IANA
  std::int64_t next_due_ms = 0;
};

// Every reminder in the database at `path`, as read_turns reads.
std::vector<StoredReminder> read_reminders(const std::string& path);

}  // namespace backcoach::e2e
