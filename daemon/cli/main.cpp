// backcoach: the operator's command line (chat, check, history, stats, backup).
#include <CLI/CLI.hpp>

#include "backup_command.h"
#include "chat_command.h"
#include "check_command.h"
#include "history_command.h"
#include "stats_command.h"

int main(int argc, char** argv) {
  CLI::App app{"backcoach: talk to the engine, check rules, read and back up the database"};
  app.require_subcommand(1);
  backcoach::cli::add_backup_command(app);
  backcoach::cli::add_chat_command(app);
  backcoach::cli::add_check_command(app);
  backcoach::cli::add_history_command(app);
  backcoach::cli::add_stats_command(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
