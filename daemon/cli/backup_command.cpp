#include "backup_command.h"

#include <iostream>
#include <memory>

namespace backcoach::cli {

int run_backup(const BackupCommandOptions& options, std::ostream& out, std::ostream& err) {
  std::string why;
  auto report = store::backup_database(options.db, options.dest, options.copy, &why);
  if (!report) {
    err << "backup failed: " << why << "\n";
    return 1;
  }
  std::int64_t flags = 0;
  for (const auto& [tier, count] : report->contents.flags_by_tier) flags += count;
  out << "backed up " << options.db << " to " << options.dest << ": " << report->contents.users
      << " users, " << report->contents.turns << " turns, " << flags << " red flags; "
      << report->bytes << " bytes; integrity ok\n";
  return 0;
}

void add_backup_command(CLI::App& app) {
  auto opts = std::make_shared<BackupCommandOptions>();
  auto* cmd = app.add_subcommand(
      "backup", "Copy the database while the daemon runs; check the copy; replace DEST atomically");
  cmd->add_option("--db", opts->db, "The daemon's database file")->required();
  cmd->add_option("dest", opts->dest, "Backup file to write")->required();
  cmd->add_option("--pages-per-step", opts->copy.pages_per_step,
                  "Pages copied at a time (4 KiB each)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  cmd->callback([opts]() { throw CLI::RuntimeError(run_backup(*opts, std::cout, std::cerr)); });
}

}  // namespace backcoach::cli
