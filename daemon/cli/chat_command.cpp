#include "chat_command.h"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "dialogue/engine.h"
#include "rule_paths.h"

namespace backcoach::cli {
namespace {

struct ChatOptions {
  bool json = false;
  std::string restart_on;  // a line equal to this starts a fresh conversation; empty: never
  std::string rules_dir = default_rules_dir();
  std::string intents_dir = default_intents_dir();
};

void print_text(const dialogue::StepResult& r, const dialogue::RuleSet& rules) {
  for (const auto& reply : r.replies) {
    std::cout << "backcoach> " << reply.text << "\n";
    if (reply.exercise) {
      const auto card = rules.exercise_card(*reply.exercise);
      for (const auto& step : card["steps"])
        std::cout << "    - " << step.get<std::string>() << "\n";
      if (!card["hold_seconds"].is_null()) {
        std::cout << "    hold " << card["hold_seconds"] << " s"
                  << (card["each_side"].get<bool>() ? ", each side" : "") << "\n";
      }
      if (!card["repetitions"].is_null())
        std::cout << "    repeat " << card["repetitions"] << " times\n";
      std::cout << "    breathing: " << card["breathing"].get<std::string>() << "\n";
    }
    if (!reply.quick_replies.empty()) {
      std::cout << "          ";
      for (const auto& q : reply.quick_replies) std::cout << " [" << q << "]";
      std::cout << "\n";
    }
  }
  if (!r.new_flags.empty()) {
    std::cout << "          (triage: " << dialogue::tier_json(r.state).get<std::string>() << ")\n";
  }
}

nlohmann::json turn_json(const std::string& text, const dialogue::StepResult& r,
                         const dialogue::RuleSet& rules) {
  nlohmann::json replies = nlohmann::json::array();
  for (const auto& reply : r.replies) replies.push_back(dialogue::reply_to_json(reply, rules));
  return {{"turn", r.state.turn},
          {"text", text},
          {"replies", replies},
          {"tier", dialogue::tier_json(r.state)},
          {"flags", dialogue::flag_list(r.state)},
          {"exercises", r.exercises},
          {"node", r.state.node},
          // what the reader found, with its context: "not:" denied, "unsure:" hedged,
          // "context:" hypothetical, past or someone else's (for tracing rules)
          {"intents", r.intents}};
}

int run_chat(const ChatOptions& o) {
  auto loaded = dialogue::load_rule_set(o.rules_dir, o.intents_dir);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) std::cerr << d.to_string() << "\n";
    return 1;
  }
  dialogue::Engine engine(loaded.rules);
  const auto started = engine.start(engine.initial_state());
  dialogue::ConversationState state = started.state;
  if (!o.json) print_text(started, *loaded.rules);
  // Over a pipe there is nobody to prompt; echo what was read instead so the
  // transcript reads as a conversation.
  const bool interactive = isatty(STDIN_FILENO) != 0;
  std::string line;
  while (true) {
    if (!o.json && interactive) std::cout << "you> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    // Many conversations through one loaded rule set (the development set's runner):
    // the state starts afresh, and --json marks the boundary with {"restart":true}.
    if (!o.restart_on.empty() && line == o.restart_on) {
      state = started.state;
      if (o.json) {
        std::cout << R"({"restart":true})" << std::endl;
      } else {
        print_text(started, *loaded.rules);
      }
      continue;
    }
    auto r = engine.step(state, dialogue::Input::text_input(line));
    state = r.state;
    if (o.json) {
      // Invalid UTF-8 in the echo is replaced rather than aborting the dump.
      std::cout << turn_json(line, r, *loaded.rules)
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << std::endl;
    } else {
      if (!interactive) std::cout << "you> " << line << "\n";
      print_text(r, *loaded.rules);
    }
  }
  return 0;
}

}  // namespace

void add_chat_command(CLI::App& app) {
  auto opts = std::make_shared<ChatOptions>();
  auto* cmd = app.add_subcommand("chat", "Chat with the engine in the terminal");
  cmd->add_flag("--json", opts->json, "One JSON object per turn on standard output");
  cmd->add_option("--rules", opts->rules_dir, "Rules folder")->capture_default_str();
  cmd->add_option("--intents", opts->intents_dir, "Intents folder")->capture_default_str();
  cmd->add_option("--restart-on", opts->restart_on,
                  "A line equal to this starts a new conversation (many in one process)");
  cmd->callback([opts]() { throw CLI::RuntimeError(run_chat(*opts)); });
}

}  // namespace backcoach::cli
