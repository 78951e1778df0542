// The scenario runner: reads a conversation from YAML, plays it through the real
// engine and compares what a person would see with what the scenario expects.
// The format is documented in tests/scenarios/README.md.
#include "scenario.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <sstream>

namespace backcoach::scenarios {
namespace {

namespace fs = std::filesystem;
using dialogue::ConversationState;
using dialogue::StepResult;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<std::string> string_list(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) return {node.as<std::string>()};
  for (const auto& item : node) out.push_back(item.as<std::string>());
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

// What was said, printable and short enough for a failure message.
std::string printable(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() > 160) return out + "... (" + std::to_string(text.size()) + " bytes)";
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      static const char* kHex = "0123456789abcdef";
      out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    }
  }
  return out;
}

std::string tier_string(const ConversationState& s) {
  const auto t = dialogue::tier_json(s);
  return t.is_null() ? "null" : t.get<std::string>();
}

// What came back, for a failure message.
std::string describe(const StepResult& r) {
  std::ostringstream o;
  o << "  tier: " << tier_string(r.state) << "\n  flags: " << join(dialogue::flag_list(r.state))
    << "\n  new flags: " << join(r.new_flags) << "\n  exercises: " << join(r.exercises)
    << "\n  node: " << r.state.node << "\n  intents: " << join(r.intents) << "\n  replies:\n";
  for (const auto& reply : r.replies) o << "    - " << printable(reply.text) << "\n";
  return o.str();
}

struct Turn {
  bool is_event = false;
  std::string text;        // the message, or the event id
  std::optional<int> day;  // an event's local date (days since 1970-01-01)
};

Turn read_turn(const YAML::Node& t) {
  if (t["event"]) {
    Turn turn{true, t["event"].as<std::string>(), std::nullopt};
    if (t["day"]) turn.day = t["day"].as<int>();
    return turn;
  }
  if (t["say_raw"]) return {false, decode_raw(t["say_raw"].as<std::string>()), std::nullopt};
  if (const auto rep = t["say_repeated"]) {
    std::string text;
    const int times = rep["times"].as<int>();
    for (int i = 0; i < times; ++i) text += rep["text"].as<std::string>();
    return {false, text, std::nullopt};
  }
  if (t["say"] && t["say"].IsNull()) return {false, "", std::nullopt};
  return {false, t["say"].as<std::string>(), std::nullopt};
}

void check_list(const char* what, const std::vector<std::string>& got, const YAML::Node& want,
                bool exact_order, std::vector<std::string>& bad) {
  auto expected = string_list(want);
  auto actual = got;
  if (!exact_order) {
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
  }
  if (expected != actual) bad.push_back(std::string(what) + ": expected " + join(expected));
}

void check_includes(const char* what, const std::vector<std::string>& got, const YAML::Node& want,
                    bool include, std::vector<std::string>& bad) {
  for (const auto& w : string_list(want)) {
    const bool present = std::find(got.begin(), got.end(), w) != got.end();
    if (present != include) bad.push_back(std::string(what) + (include ? " lacks " : " has ") + w);
  }
}

bool any_reply_contains(const StepResult& r, const std::string& needle) {
  const std::string n = lower(needle);
  return std::any_of(r.replies.begin(), r.replies.end(), [&](const dialogue::Reply& reply) {
    return lower(reply.text).find(n) != std::string::npos;
  });
}

std::vector<std::string> check_expect(const YAML::Node& e, const StepResult& r) {
  std::vector<std::string> bad;
  const auto flags = dialogue::flag_list(r.state);
  if (const auto t = e["tier"]) {
    const std::string want = t.IsNull() ? "null" : t.as<std::string>();
    if (tier_string(r.state) != want) bad.push_back("tier: expected " + want);
  }
  if (e["flags"]) check_list("flags", flags, e["flags"], false, bad);
  check_includes("flags", flags, e["flags_include"], true, bad);
  check_includes("flags", flags, e["flags_exclude"], false, bad);
  if (e["new_flags"]) check_list("new flags", r.new_flags, e["new_flags"], false, bad);
  if (e["exercises"]) check_list("exercises", r.exercises, e["exercises"], true, bad);
  check_includes("exercises", r.exercises, e["exercises_include"], true, bad);
  check_includes("exercises", r.exercises, e["exercises_exclude"], false, bad);
  if (e["no_exercises"] && e["no_exercises"].as<bool>() && !r.exercises.empty()) {
    bad.push_back("exercises: expected none");
  }
  if (const auto n = e["node"]; n && r.state.node != n.as<std::string>()) {
    bad.push_back("node: expected " + n.as<std::string>());
  }
  for (const auto& s : string_list(e["reply_contains"])) {
    if (!any_reply_contains(r, s)) bad.push_back("no reply contains \"" + s + "\"");
  }
  for (const auto& s : string_list(e["reply_excludes"])) {
    if (any_reply_contains(r, s)) bad.push_back("a reply contains \"" + s + "\"");
  }
  if (const auto l = e["level"]; l && r.state.level != l.as<int>()) {
    bad.push_back("level: expected " + l.as<std::string>() + ", is " +
                  std::to_string(r.state.level));
  }
  if (const auto d = e["intake_done"]; d && r.state.intake_done != d.as<bool>()) {
    bad.push_back("intake_done: expected " + d.as<std::string>());
  }
  return bad;
}

// Properties every turn of every conversation must keep, whatever the scenario says.
std::vector<std::string> check_invariants(const ConversationState& before, const StepResult& r,
                                          bool is_event) {
  std::vector<std::string> bad;
  // Only a correction takes anything back, says so, and never an emergency.
  const bool took_back = !r.withdrawn_flags.empty();
  if (before.tier && (!r.state.tier || *r.state.tier < *before.tier) && !took_back) {
    bad.push_back("invariant: the tier went down");
  }
  if (took_back && before.tier == triage::Tier::kEmergency) {
    bad.push_back("invariant: an emergency was taken back");
  }
  std::set<std::string> kept = r.state.flags;
  kept.insert(r.withdrawn_flags.begin(), r.withdrawn_flags.end());
  if (!std::includes(kept.begin(), kept.end(), before.flags.begin(), before.flags.end())) {
    bad.push_back("invariant: a flag was removed");
  }
  if (!is_event && r.replies.empty()) bad.push_back("invariant: a message got no reply");
  if (r.state.intake_done && !r.state.tier) bad.push_back("invariant: intake done, tier null");
  auto back = dialogue::state_from_json(dialogue::to_json(r.state));
  if (!back || !(*back == r.state)) bad.push_back("invariant: state JSON round trip differs");
  return bad;
}

}  // namespace

std::string decode_raw(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 3]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string test_name(const std::string& id) {
  std::string out;
  for (unsigned char c : id) out += std::isalnum(c) ? static_cast<char>(c) : '_';
  return out.empty() ? "unnamed" : out;
}

std::vector<ScenarioRef> list_scenarios(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry);
  }
  std::sort(files.begin(), files.end());
  std::vector<ScenarioRef> out;
  for (const auto& f : files) {
    try {
      const YAML::Node doc = YAML::LoadFile(f.string());
      const std::size_t n = doc.IsSequence() ? doc.size() : 1;
      for (std::size_t i = 0; i < n; ++i) {
        const YAML::Node s = doc.IsSequence() ? doc[i] : doc;
        out.push_back({f, i, s["id"] ? s["id"].as<std::string>() : f.stem().string(), {}});
      }
    } catch (const YAML::Exception& e) {
      out.push_back({f, 0, "broken_file_" + f.stem().string(), e.what()});
    }
  }
  return out;
}

YAML::Node load_scenario(const ScenarioRef& ref) {
  const YAML::Node doc = YAML::LoadFile(ref.file.string());
  return doc.IsSequence() ? doc[ref.index] : doc;
}

std::vector<std::string> run_scenario(const dialogue::Engine& engine, const YAML::Node& scenario,
                                      const std::string& file) {
  const std::string id = scenario["id"] ? scenario["id"].as<std::string>() : "?";
  std::vector<std::string> failures;
  for (const char* key : {"id", "description", "source", "turns"}) {
    if (!scenario[key]) failures.push_back(file + ": scenario " + id + " lacks `" + key + "`");
  }
  if (!failures.empty()) return failures;
  ConversationState state = engine.start(engine.initial_state()).state;
  std::size_t number = 0;
  for (const auto& t : scenario["turns"]) {
    ++number;
    const Turn turn = read_turn(t);
    const StepResult r = turn.is_event
                             ? engine.step(state, dialogue::Input::event_input(turn.text, turn.day))
                             : engine.step(state, dialogue::Input::text_input(turn.text));
    auto bad = check_invariants(state, r, turn.is_event);
    if (t["expect"]) {
      auto more = check_expect(t["expect"], r);
      bad.insert(bad.end(), more.begin(), more.end());
    }
    if (!bad.empty()) {
      std::ostringstream o;
      o << file << ": scenario " << id << ", turn " << number << ": "
        << (turn.is_event ? "event " : "said \"") << printable(turn.text)
        << (turn.is_event ? "" : "\"") << "\n";
      for (const auto& b : bad) o << "  FAILED " << b << "\n";
      o << "got:\n" << describe(r);
      failures.push_back(o.str());
    }
    state = r.state;
  }
  return failures;
}

}  // namespace backcoach::scenarios
