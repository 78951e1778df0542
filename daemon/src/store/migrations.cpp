#include "store/migrations.h"

#include <array>
#include <string>

#include "store/fail.h"

namespace backcoach::store {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Append-only: a released migration is never edited, a change is a new step.
// JSON columns hold documents written by nlohmann::json (arrays unless noted).
constexpr std::array kMigrations{
    Migration{1, "initial schema", R"sql(
CREATE TABLE users (
  id            TEXT PRIMARY KEY NOT NULL,
  created_at_ms INTEGER NOT NULL
);

CREATE TABLE conversations (
  user_id       TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  turns         INTEGER NOT NULL DEFAULT 0,
  tier          TEXT,
  state         TEXT,              -- engine state JSON after the last turn; NULL before
  updated_at_ms INTEGER NOT NULL
);

CREATE TABLE turns (
  id            INTEGER PRIMARY KEY,  -- commit order
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  turn_no       INTEGER NOT NULL,
  client_msg_id TEXT,                 -- NULL when the turn had none
  channel       TEXT NOT NULL,
  user_text     TEXT NOT NULL,
  intents       TEXT NOT NULL,
  messages      TEXT NOT NULL,
  tier          TEXT,
  flags         TEXT NOT NULL,
  new_flags     TEXT NOT NULL,
  exercises     TEXT NOT NULL,
  state         TEXT NOT NULL,        -- any JSON value
  created_at_ms INTEGER NOT NULL,
  UNIQUE (user_id, client_msg_id)
);
CREATE INDEX turns_by_user ON turns(user_id, id);

CREATE TABLE flags_raised (
  id            INTEGER PRIMARY KEY,
  turn_id       INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  user_id       TEXT NOT NULL,
  flag          TEXT NOT NULL,
  tier          TEXT,                 -- the conversation's tier after the turn
  raised_at_ms  INTEGER NOT NULL
);
CREATE INDEX flags_raised_by_user ON flags_raised(user_id, id);
CREATE INDEX flags_raised_by_turn ON flags_raised(turn_id);
CREATE INDEX flags_raised_by_tier ON flags_raised(tier);

CREATE TABLE exercises_recommended (
  id                INTEGER PRIMARY KEY,
  turn_id           INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
  user_id           TEXT NOT NULL,
  exercise          TEXT NOT NULL,
  recommended_at_ms INTEGER NOT NULL
);
CREATE INDEX exercises_recommended_by_user ON exercises_recommended(user_id, id);
CREATE INDEX exercises_recommended_by_turn ON exercises_recommended(turn_id);
)sql"},
    // Retention finds the conversations idle the longest without reading them all.
    Migration{2, "conversations by last activity", R"sql(
CREATE INDEX conversations_by_updated_at ON conversations(updated_at_ms);
)sql"},
    // How each channel knows a person: (channel, its id for them) -> our user.
    // Erasing the user erases their identities with them.
    Migration{3, "identities", R"sql(
CREATE TABLE identities (
  channel       TEXT NOT NULL,     -- "bot:<bot id>", "telegram", ...
  external_id   TEXT NOT NULL,     -- the channel's id for the person
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (channel, external_id)
);
CREATE INDEX identities_by_user ON identities(user_id);
)sql"},
    // Messages owed to a channel (a bot callback, a Telegram call): written with the
    // turn that caused them, deleted once sent or given up. AUTOINCREMENT, because
    // the id is the receiver's idempotency key and must never be reused after a
    // delete. Erasing the user erases their queued messages with them.
    Migration{4, "outbox", R"sql(
CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- commit order, never reused
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  channel       TEXT NOT NULL,     -- "bot:<bot id>", "telegram": picks the deliverer
  destination   TEXT NOT NULL,     -- the channel's address for the person
  payload       TEXT NOT NULL,     -- JSON, channel-shaped
  attempts      INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  not_before_ms INTEGER NOT NULL
);
CREATE INDEX outbox_by_destination ON outbox(channel, destination, id);
CREATE INDEX outbox_by_user ON outbox(user_id);
)sql"},
    // The Telegram channel (docs/store.md): updates received (a repeat is dropped; one
    // received but not handled is handled after a restart), the polling offset, the
    // file_ids of uploaded pictures, chats' /stop and blocked marks, and the one-time
    // codes that link a chat to a person.
    Migration{5, "telegram channel", R"sql(
CREATE TABLE telegram_updates (
  bot_id          TEXT NOT NULL,     -- the number before ':' in the token
  update_id       INTEGER NOT NULL,
  body            TEXT,              -- the update's JSON until handled, then NULL
  received_at_ms  INTEGER NOT NULL,
  handled_at_ms   INTEGER,           -- NULL while pending
  PRIMARY KEY (bot_id, update_id)
);
CREATE INDEX telegram_updates_by_handled ON telegram_updates(bot_id, handled_at_ms);

CREATE TABLE telegram_polling (
  bot_id          TEXT PRIMARY KEY NOT NULL,
  next_offset     INTEGER NOT NULL
);

CREATE TABLE telegram_photos (
  bot_id          TEXT NOT NULL,
  exercise_id     TEXT NOT NULL,
  png_sha256      TEXT NOT NULL,
  file_id         TEXT NOT NULL,
  created_at_ms   INTEGER NOT NULL,
  PRIMARY KEY (bot_id, exercise_id, png_sha256)
);

-- A chat's marks belong to its identity: erasing the person erases them, linking
-- the chat to another person keeps them.
CREATE TABLE telegram_chats (
  channel         TEXT NOT NULL DEFAULT 'telegram' CHECK (channel = 'telegram'),
  external_id     TEXT NOT NULL,     -- the chat id, as the identity holds it
  stopped_at_ms   INTEGER,           -- /stop: no reminders
  blocked_at_ms   INTEGER,           -- Telegram answered 403
  PRIMARY KEY (channel, external_id),
  FOREIGN KEY (channel, external_id) REFERENCES identities(channel, external_id)
    ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX telegram_chats_blocked ON telegram_chats(blocked_at_ms)
  WHERE blocked_at_ms IS NOT NULL;

CREATE TABLE link_codes (
  code_sha256     TEXT PRIMARY KEY NOT NULL,  -- hex SHA-256 of the code; never the code
  user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at_ms   INTEGER NOT NULL,
  created_at_ms   INTEGER NOT NULL
);
CREATE INDEX link_codes_by_user ON link_codes(user_id);
CREATE INDEX link_codes_by_expiry ON link_codes(expires_at_ms);
)sql"},
    // Daily check-ins and the pain journal (issue 9). Version 6: 5 is Telegram's.
    Migration{6, "reminders and journal", R"sql(
CREATE TABLE reminders (
  user_id       TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,     -- 'daily' or 'follow_up' (once, after a referral)
  local_time    TEXT NOT NULL,     -- "HH:MM" on the person's wall clock
  tz            TEXT NOT NULL,     -- IANA zone
  channel       TEXT NOT NULL,     -- where check-ins go: "ws", "telegram", "bot:<id>"
  next_due_ms   INTEGER NOT NULL,  -- UTC instant of the next check-in
  last_sent_ms  INTEGER,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX reminders_by_due ON reminders(next_due_ms);

CREATE TABLE journal (
  id            INTEGER PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  date          TEXT NOT NULL,     -- YYYY-MM-DD in the person's zone
  pain          INTEGER,           -- 0-10
  routine_done  INTEGER,           -- 0 or 1
  felt          TEXT,              -- 'better', 'same', 'worse'
  flags         TEXT NOT NULL,     -- JSON array of flags raised while answering
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  UNIQUE (user_id, date)
);
)sql"},
    // Web Push subscriptions of the widget (issue 9): where a browser takes pushes and
    // the keys a message is encrypted to. The endpoint is the key: one browser, one
    // row, whoever registered it last. Erasing the user erases their subscriptions.
    Migration{7, "push subscriptions", R"sql(
CREATE TABLE push_subscriptions (
  endpoint      TEXT PRIMARY KEY NOT NULL,  -- the push service's URL for the browser
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  p256dh        TEXT NOT NULL,     -- the browser's P-256 public key, base64url
  auth          TEXT NOT NULL,     -- its authentication secret, base64url
  created_at_ms INTEGER NOT NULL
);
CREATE INDEX push_subscriptions_by_user ON push_subscriptions(user_id);
)sql"},
};

// True when this call applied the step, false when another process had.
result<bool> apply(Database& db, const Migration& m, std::string* why) {
  Transaction txn(db, Transaction::Kind::kWrite);
  if (auto ec = txn.begin_error()) return fail(ec);
  auto current = schema_version(db);
  if (!current) return fail(current.error());
  if (*current >= m.version) return false;
  const std::string set_version = "PRAGMA user_version = " + std::to_string(m.version);
  auto ec = db.exec(m.sql);
  if (!ec) ec = db.exec(set_version.c_str());
  if (!ec) ec = txn.commit();
  if (ec && why != nullptr) {
    *why =
        "migration " + std::to_string(m.version) + " (" + m.name + ") failed: " + db.last_error();
  }
  if (ec) return fail(ec);
  return true;
}

}  // namespace

int latest_schema_version() noexcept { return kMigrations.back().version; }

result<int> schema_version(Database& db) {
  Statement* stmt = db.cached("PRAGMA user_version");
  if (stmt == nullptr) return errc::storage_error;
  StatementScope scope(*stmt);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return errc::storage_error;
  return static_cast<int>(stmt->column_int(0));
}

result<int> migrate(Database& db, std::string* why) {
  auto current = schema_version(db);
  if (!current) return current.error();
  if (*current > latest_schema_version()) {
    if (why != nullptr) {
      *why = "database schema version " + std::to_string(*current) +
             " is newer than this build understands (" + std::to_string(latest_schema_version()) +
             ")";
    }
    return errc::validation_error;
  }
  int applied = 0;
  for (const Migration& m : kMigrations) {
    if (m.version <= *current) continue;
    auto ran = apply(db, m, why);
    if (!ran) return ran.error();
    if (*ran) ++applied;
  }
  return applied;
}

}  // namespace backcoach::store
