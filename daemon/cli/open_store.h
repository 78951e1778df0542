#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "store/sqlite_store.h"

namespace backcoach::cli {

// Opens the database at `db` for an operator command: read-only, and a missing
// file is an error rather than a new empty database. On failure writes why to
// `err` (one line) and returns nullptr; the caller then exits with status 1.
// The caller owns the returned store.
std::unique_ptr<store::SqliteStore> open_store_read_only(const std::string& db, std::ostream& err);

}  // namespace backcoach::cli
