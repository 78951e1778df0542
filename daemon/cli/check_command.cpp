#include "check_command.h"

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
  auto loaded = dialogue::load_checked_rule_set(o.rules_dir, o.intents_dir);
  for (const auto& d : loaded.errors) std::cerr << d.to_string() << "\n";
  if (!loaded.ok()) {
    std::cerr << loaded.errors.size() << " problem(s) found\n";
    return 1;
  }
  const auto& t = loaded.timings;
  std::cout << "ok: " << loaded.rules->intent_count() << " intents, "
            << loaded.rules->flag_ids().size() << " red flags, "
            << loaded.rules->exercise_ids().size() << " exercises; loaded in "
            << t.read_ms + t.compile_ms + t.validate_ms << " ms (read " << t.read_ms << ", compile "
            << t.compile_ms << ", validate " << t.validate_ms << "), examples checked in "
            << t.examples_ms << " ms\n";
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
