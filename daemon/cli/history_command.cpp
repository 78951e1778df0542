#include "history_command.h"

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "open_store.h"

namespace backcoach::cli {
namespace {

using nlohmann::json;

// What people typed goes to an operator's terminal: control characters (an
// escape sequence could rewrite the screen) are shown as \xNN instead.
std::string printable(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string join(const json& list, const char* separator) {
  std::string out;
  for (const auto& item : list) {
    if (!out.empty()) out += separator;
    out += item.is_string() ? item.get<std::string>() : item.dump();
  }
  return out;
}

void print_bot_message(const json& message, std::ostream& out) {
  out << "  bot: " << printable(string_field(message, "text")) << "\n";
  if (auto it = message.find("quick_replies"); it != message.end() && !it->empty()) {
    out << "       [" << printable(join(*it, " | ")) << "]\n";
  }
  if (auto it = message.find("exercise"); it != message.end() && !it->is_null()) {
    const std::string name = it->is_object() ? string_field(*it, "id") : join(json::array({*it}), "");
    out << "       (exercise card: " << printable(name) << ")\n";
  }
}

void print_turn(const json& turn, std::ostream& out) {
  out << "[" << string_field(turn, "created_at") << "] turn " << turn.value("turn_no", 0) << " ("
      << printable(string_field(turn, "channel")) << ")\n";
  const std::string text = string_field(turn, "text");
  if (!text.empty()) out << "  you: " << printable(text) << "\n";
  for (const auto& message : turn.value("messages", json::array())) {
    if (message.is_object()) print_bot_message(message, out);
  }
  const json new_flags = turn.value("new_flags", json::array());
  if (!new_flags.empty()) {
    const std::string tier = string_field(turn, "tier");
    out << "  ! red flag: " << printable(join(new_flags, ", "))
        << (tier.empty() ? "" : " (tier " + printable(tier) + ")") << "\n";
  }
  const json exercises = turn.value("exercises", json::array());
  if (!exercises.empty()) out << "  + exercises: " << printable(join(exercises, ", ")) << "\n";
}

void print_transcript(const json& doc, std::ostream& out) {
  const json& conversation = doc["conversation"];
  const std::string tier = conversation["tier"].is_string() ? conversation["tier"].get<std::string>()
                                                            : std::string("none");
  out << "user " << string_field(doc["user"], "id") << ", since "
      << string_field(doc["user"], "created_at") << ", " << conversation.value("turns", 0)
      << " turn(s), tier " << printable(tier) << "\n";
  for (const auto& turn : doc["turns"]) print_turn(turn, out);
}

}  // namespace

int run_history(const HistoryOptions& options, std::ostream& out, std::ostream& err) {
  auto store = open_store_read_only(options.db, err);
  if (!store) return 1;
  auto doc = store->export_user(options.user);
  if (!doc) {
    err << (doc.error() == errc::not_found ? "no user " + options.user + " in " + options.db
                                           : "cannot read " + options.db + ": " +
                                                 doc.error().message())
        << "\n";
    return 1;
  }
  if (options.json) {
    out << doc->dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    print_transcript(*doc, out);
  }
  return 0;
}

void add_history_command(CLI::App& app) {
  auto opts = std::make_shared<HistoryOptions>();
  auto* cmd = app.add_subcommand("history", "Print one person's conversation from the database");
  cmd->add_option("--db", opts->db, "Database file")->required();
  cmd->add_option("user", opts->user, "User id")->required();
  cmd->add_flag("--json", opts->json, "Print the full export as JSON");
  cmd->callback([opts]() { throw CLI::RuntimeError(run_history(*opts, std::cout, std::cerr)); });
}

}  // namespace backcoach::cli
