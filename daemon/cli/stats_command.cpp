#include "stats_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "open_store.h"

namespace backcoach::cli {

int run_stats(const StatsOptions& options, std::ostream& out, std::ostream& err) {
  auto store = open_store_read_only(options.db, err);
  if (!store) return 1;
  auto stats = store->stats();
  if (!stats) {
    err << "cannot read " << options.db << ": " << stats.error().message() << "\n";
    return 1;
  }
  if (options.json) {
    nlohmann::json by_tier = nlohmann::json::object();
    for (const auto& [tier, count] : stats->flags_by_tier) by_tier[tier] = count;
    out << nlohmann::json{{"users", stats->users},
                          {"turns", stats->turns},
                          {"flags_by_tier", by_tier}}
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
    return 0;
  }
  out << "users: " << stats->users << "\n"
      << "turns: " << stats->turns << "\n"
      << "red flags by tier:" << (stats->flags_by_tier.empty() ? " none" : "") << "\n";
  for (const auto& [tier, count] : stats->flags_by_tier)
    out << "  " << tier << ": " << count << "\n";
  return 0;
}

void add_stats_command(CLI::App& app) {
  auto opts = std::make_shared<StatsOptions>();
  auto* cmd = app.add_subcommand("stats", "Count users, turns and red flags by tier");
  cmd->add_option("--db", opts->db, "Database file")->required();
  cmd->add_flag("--json", opts->json, "Print one JSON object");
  cmd->callback([opts]() { throw CLI::RuntimeError(run_stats(*opts, std::cout, std::cerr)); });
}

}  // namespace backcoach::cli
