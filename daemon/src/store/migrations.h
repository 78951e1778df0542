#pragma once

#include <string>

#include "common/errc.h"
#include "store/sqlite_db.h"

namespace backcoach::store {

// The schema version this build writes; `PRAGMA user_version` holds the version
// a database is at. 0 is an empty database.
int latest_schema_version() noexcept;

// The version the database is at.
result<int> schema_version(Database& db);

// Brings the database up to latest_schema_version(): each missing migration runs
// in its own write transaction, which re-reads the version first, so two
// processes opening one file at once do not apply a step twice. Returns how many
// steps ran (0 when the database was current). A database newer than this build
// fails with errc::validation_error and `why` says so.
// REQUIRES: no transaction open on `db`.
result<int> migrate(Database& db, std::string* why);

}  // namespace backcoach::store
