#include "check_command.h"

#include <chrono>
#include <iostream>
#include <memory>

#include "dialogue/rule_set.h"
#include "rule_paths.h"

namespace backcoach::cli {
namespace {

struct CheckOptions {
  std::string rules_dir = default_rules_dir();
  std::string intents_dir = default_intents_dir();
};

int run_check(const CheckOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  auto loaded = dialogue::load_rule_set(o.rules_dir, o.intents_dir);
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  for (const auto& d : loaded.errors) std::cerr << d.to_string() << "\n";
  if (!loaded.ok()) {
    std::cerr << loaded.errors.size() << " problem(s) found\n";
    return 1;
  }
  std::cout << "ok: " << loaded.rules->intent_count() << " intents, "
            << loaded.rules->flag_ids().size() << " red flags, "
            << loaded.rules->exercise_ids().size() << " exercises; loaded in " << ms.count()
            << " ms\n";
  return 0;
}

}  // namespace

void add_check_command(CLI::App& app) {
  auto opts = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand("check", "Validate rules and intents; exit non-zero on a problem");
  cmd->add_option("rules", opts->rules_dir, "Rules folder")->capture_default_str();
  cmd->add_option("intents", opts->intents_dir, "Intents folder")->capture_default_str();
  cmd->callback([opts]() { throw CLI::RuntimeError(run_check(*opts)); });
}

}  // namespace backcoach::cli
