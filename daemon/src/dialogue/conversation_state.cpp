#include "dialogue/conversation_state.h"

namespace backcoach::dialogue {
namespace {

nlohmann::json checkin_json(const CheckinScore& c) {
  nlohmann::json j = {{"day", c.day}, {"felt", c.felt}, {"moved", c.moved}};
  j["pain"] = c.pain ? nlohmann::json(*c.pain) : nlohmann::json(nullptr);
  j["routine_done"] = c.routine_done ? nlohmann::json(*c.routine_done) : nlohmann::json(nullptr);
  return j;
}

CheckinScore checkin_from_json(const nlohmann::json& j) {
  CheckinScore c;
  c.day = j.at("day").get<int>();
  if (!j.at("pain").is_null()) c.pain = j.at("pain").get<int>();
  if (!j.at("routine_done").is_null()) c.routine_done = j.at("routine_done").get<bool>();
  c.felt = j.at("felt").get<std::string>();
  c.moved = j.at("moved").get<bool>();
  return c;
}

}  // namespace

nlohmann::json to_json(const ConversationState& s) {
  nlohmann::json facts = nlohmann::json::object();
  for (const auto& [k, v] : s.facts.truth) facts[k] = v;
  nlohmann::json numbers = nlohmann::json::object();
  for (const auto& [k, v] : s.facts.numbers) numbers[k] = v;
  nlohmann::json checkins = nlohmann::json::array();
  for (const auto& c : s.checkins) checkins.push_back(checkin_json(c));
  nlohmann::json j = {{"version", ConversationState::kVersion},
                      {"node", s.node},
                      {"turn", s.turn},
                      {"facts", facts},
                      {"numbers", numbers},
                      {"flags", s.flags},
                      {"tier", tier_json(s)},
                      {"reasks", s.reasks},
                      {"answered", s.answered},
                      {"routine", s.routine},
                      {"scores", s.scores},
                      {"intake_done", s.intake_done},
                      {"alone_item", s.alone_item},
                      {"level", s.level},
                      {"checkins", checkins}};
  if (!s.time_zone.empty()) j["time_zone"] = s.time_zone;  // only once named: older states stay
  return j;
}

result<ConversationState> state_from_json(const nlohmann::json& j) {
  if (!j.is_object() || j.value("version", 0) != ConversationState::kVersion) {
    return make_error_code(errc::parse_error);
  }
  try {
    ConversationState s;
    s.node = j.at("node").get<std::string>();
    s.turn = j.at("turn").get<std::int64_t>();
    for (const auto& [k, v] : j.at("facts").items()) s.facts.truth[k] = v.get<bool>();
    for (const auto& [k, v] : j.at("numbers").items()) s.facts.numbers[k] = v.get<double>();
    s.flags = j.at("flags").get<std::set<std::string>>();
    if (!j.at("tier").is_null()) {
      s.tier = triage::parse_tier(j.at("tier").get<std::string>());
      if (!s.tier) return make_error_code(errc::parse_error);
    }
    s.reasks = j.at("reasks").get<std::map<std::string, int>>();
    s.answered = j.at("answered").get<std::set<std::string>>();
    s.routine = j.at("routine").get<std::vector<std::string>>();
    s.scores = j.at("scores").get<std::map<std::string, int>>();
    s.intake_done = j.at("intake_done").get<bool>();
    s.alone_item = j.value("alone_item", -1);  // absent in states saved before checklists
    s.level = j.value("level", 0);             // absent in states saved before progression
    s.time_zone = j.value("time_zone", "");    // absent in states saved before zones
    if (j.contains("checkins")) {
      for (const auto& c : j.at("checkins")) s.checkins.push_back(checkin_from_json(c));
    }
    return s;
  } catch (const nlohmann::json::exception&) {
    return make_error_code(errc::parse_error);
  }
}

std::vector<std::string> flag_list(const ConversationState& s) {
  return {s.flags.begin(), s.flags.end()};
}

nlohmann::json tier_json(const ConversationState& s) {
  if (!s.tier) return nullptr;
  return std::string(triage::to_string(*s.tier));
}

}  // namespace backcoach::dialogue
