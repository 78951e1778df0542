#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "triage/facts.h"
#include "triage/tier.h"
#include "common/errc.h"

namespace backcoach::dialogue {

// Where one conversation stands. A plain value: the engine takes one and returns
// the next; the store persists it as JSON (to_json/from_json round-trip exactly).
struct ConversationState {
  static constexpr int kVersion = 1;

  std::string node;                         // current flow node id ("" before start)
  std::int64_t turn = 0;                    // user turns taken
  triage::Facts facts;                      // what the person told us
  std::set<std::string> flags;              // red flags raised (never removed)
  std::optional<triage::Tier> tier;         // highest tier of the flags; null until known
  std::map<std::string, int> reasks;        // node id -> times re-asked for an unclear answer
  std::set<std::string> answered;           // question node ids answered or passed
  std::vector<std::string> routine;         // exercise ids recommended so far
  std::map<std::string, int> scores;        // questionnaire scale -> running score
  bool intake_done = false;                 // intake reached its end with no pending question
  int alone_item = -1;                      // checklist item of `node` being asked alone
                                            // (its answer was hedged); -1: the whole list

  friend bool operator==(const ConversationState&, const ConversationState&) = default;
};

nlohmann::json to_json(const ConversationState& s);

// Fails with errc::parse_error on a document that is not a state of this version.
result<ConversationState> state_from_json(const nlohmann::json& j);

// The flags as a sorted list and the tier as a string or null, as the protocol shows them.
std::vector<std::string> flag_list(const ConversationState& s);
nlohmann::json tier_json(const ConversationState& s);

}  // namespace backcoach::dialogue
