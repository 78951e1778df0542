#include "history_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "open_store.h"

namespace backcoach::cli {
namespace {

using nlohmann::json;

// Unicode's bidirectional formatting characters: invisible, yet they reorder the
// rest of the line on the operator's screen (Trojan Source, CVE-2021-42574).
bool is_bidi_control(char32_t cp) {
  return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

void append_hex(std::string& out, const char* prefix, std::uint32_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xf];
}

// What people typed goes to an operator's terminal: C0 and C1 control characters (an
// escape sequence could rewrite the screen), bidi controls and bytes that are not
// UTF-8 are shown as \xNN or \uNNNN instead; every other character as it is.
std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto c = decode_utf8(text, pos);
    const std::string_view bytes(text.data() + pos, c.length);
    pos += c.length;
    if (!c.valid) {
      for (unsigned char b : bytes) append_hex(out, "\\x", b, 2);
    } else if (c.code_point < 0x20 || c.code_point == 0x7f) {
      append_hex(out, "\\x", c.code_point, 2);
    } else if ((c.code_point >= 0x80 && c.code_point <= 0x9f) || is_bidi_control(c.code_point)) {
      append_hex(out, "\\u", c.code_point, 4);
    } else {
      out += bytes;
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
    const std::string name =
        it->is_object() ? string_field(*it, "id") : join(json::array({*it}), "");
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
  const std::string tier = conversation["tier"].is_string()
                               ? conversation["tier"].get<std::string>()
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
    err << (doc.error() == errc::not_found
                ? "no user " + options.user + " in " + options.db
                : "cannot read " + options.db + ": " + doc.error().message())
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
