#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/errc.h"
#include "triage/facts.h"
#include "triage/tier.h"

namespace backcoach::dialogue {

// One daily check-in as the engine remembers it for the trend and the routine's level
// (the journal in the store has the same answers; the engine does no I/O).
struct CheckinScore {
  int day = 0;              // the person's local date, days since 1970-01-01
  std::optional<int> pain;  // 0-10
  std::optional<bool> routine_done;
  std::string felt;    // "better", "same", "worse" or "" (not asked)
  bool moved = false;  // the routine's level changed at this check-in
  friend bool operator==(const CheckinScore&, const CheckinScore&) = default;
};

// Where one conversation stands. A plain value: the engine takes one and returns
// the next; the store persists it as JSON (to_json/from_json round-trip exactly).
struct ConversationState {
  static constexpr int kVersion = 1;

  std::string node;                    // current flow node id ("" before start)
  std::int64_t turn = 0;               // user turns taken
  triage::Facts facts;                 // what the person told us
  std::set<std::string> flags;         // red flags raised (never removed)
  std::optional<triage::Tier> tier;    // highest tier of the flags; null until known
  std::map<std::string, int> reasks;   // node id -> times re-asked for an unclear answer
  std::set<std::string> answered;      // question node ids answered or passed
  std::vector<std::string> routine;    // exercise ids recommended so far
  std::map<std::string, int> scores;   // questionnaire scale -> running score
  bool intake_done = false;            // intake reached its end with no pending question
  int alone_item = -1;                 // checklist item of `node` being asked alone
                                       // (its answer was hedged); -1: the whole list
  int level = 0;                       // the routine's level (rules' progression);
                                       // 0 before a routine was given
  std::vector<CheckinScore> checkins;  // the check-ins within the trend window,
                                       // oldest first
  std::string time_zone;               // the IANA zone the person named in the chat
                                       // (channels that give none); "" until then

  friend bool operator==(const ConversationState&, const ConversationState&) = default;
};

nlohmann::json to_json(const ConversationState& s);

// Fails with errc::parse_error on a document that is not a state of this version.
result<ConversationState> state_from_json(const nlohmann::json& j);

// The flags as a sorted list and the tier as a string or null, as the protocol shows them.
std::vector<std::string> flag_list(const ConversationState& s);
nlohmann::json tier_json(const ConversationState& s);

}  // namespace backcoach::dialogue
