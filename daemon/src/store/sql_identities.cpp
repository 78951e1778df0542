#include "store/sql_identities.h"

#include "store/fail.h"
#include "store/iso_time.h"

namespace backcoach::store::sql {
namespace {

constexpr char kFind[] = "SELECT user_id FROM identities WHERE channel = ?1 AND external_id = ?2";
constexpr char kInsert[] =
    "INSERT INTO identities (channel, external_id, user_id, created_at_ms)"
    " VALUES (?1, ?2, ?3, ?4)";
constexpr char kOfUser[] =
    "SELECT channel, external_id FROM identities WHERE user_id = ?1 ORDER BY rowid";
constexpr char kExport[] =
    "SELECT channel, external_id, created_at_ms FROM identities WHERE user_id = ?1"
    " ORDER BY created_at_ms, rowid";
constexpr char kBotPrefix[] = "bot:";

nlohmann::json identity_json(const std::string& channel, const std::string& external_id,
                             std::int64_t linked_at_ms) {
  nlohmann::json j{{"channel", channel}, {"external_id", external_id}};
  if (channel == "telegram") {
    j["kind"] = "telegram_chat_id";
  } else if (channel.rfind(kBotPrefix, 0) == 0) {
    j["kind"] = "bot_user_id";
    j["bot"] = channel.substr(sizeof kBotPrefix - 1);
  } else {
    j["kind"] = "external_id";
  }
  j["linked_at"] = iso8601_utc(linked_at_ms);
  return j;
}

}  // namespace

result<std::optional<std::string>> find_identity(Database& db, const Identity& identity) {
  Statement* stmt = db.cached(kFind);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, identity.channel);
  stmt->bind(2, identity.external_id);
  auto row = stmt->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->column_text(0));
}

boost::system::error_code insert_identity(Database& db, const Identity& identity,
                                          const std::string& user_id, std::int64_t now_ms) {
  Statement* stmt = db.cached(kInsert);
  if (stmt == nullptr) return errc::storage_error;
  StatementScope scope(*stmt);
  stmt->bind(1, identity.channel);
  stmt->bind(2, identity.external_id);
  stmt->bind(3, user_id);
  stmt->bind(4, now_ms);
  auto row = stmt->step();
  if (!row) return row.error();
  return {};
}

result<std::vector<Identity>> identities_of(Database& db, const std::string& user_id) {
  Statement* stmt = db.cached(kOfUser);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, user_id);
  std::vector<Identity> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    out.push_back({stmt->column_text(0), stmt->column_text(1)});
  }
}

result<nlohmann::json> export_identities(Database& db, const std::string& user_id) {
  Statement* stmt = db.cached(kExport);
  if (stmt == nullptr) return fail(errc::storage_error);
  StatementScope scope(*stmt);
  stmt->bind(1, user_id);
  nlohmann::json out = nlohmann::json::array();
  for (;;) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    out.push_back(identity_json(stmt->column_text(0), stmt->column_text(1), stmt->column_int(2)));
  }
}

}  // namespace backcoach::store::sql
