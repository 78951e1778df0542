#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

#include "store/online_backup.h"

namespace backcoach::cli {

struct BackupCommandOptions {
  std::string db;    // the live database; never created or written by this command
  std::string dest;  // the backup file to write (replaced atomically when it exists)
  store::BackupOptions copy;
};

// `backcoach backup --db FILE DEST`: a consistent copy of the database while the
// daemon keeps running (SQLite's online backup API), checked with
// `PRAGMA integrity_check` before it replaces DEST (docs/operations.md, "Backups").
void add_backup_command(CLI::App& app);

// The command without argument parsing: one summary line to `out`, or one line
// saying why to `err`; returns the exit status (0 written and checked, 1 not).
int run_backup(const BackupCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace backcoach::cli
