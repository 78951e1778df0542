#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "triage/condition.h"

namespace backcoach::dialogue {

// What a node asks its caller to do on arrival (rules/flow.yaml `action:`).
enum class NodeAction {
  kNone,
  kScheduleCheckin,
  kOpenJournal,  // a check-in begins: its journal entry is opened
};

// What a node does when the conversation reaches it (rules/flow.yaml).
enum class NodeType {
  kSay,       // says its text and moves on at once
  kQuestion,  // asks, then waits for an answer
  kDecide,    // sets facts from conditions (questionnaire bands) and moves on
  kRoutine,   // recommends the exercises chosen for this person and moves on
  kStop,      // says its text and waits; later messages get its `again` text
};

// kTime: a time of day in the person's words ("7:30pm", "half past 8"), read with
// the coaching section's time patterns into `number` as minutes after midnight.
// kZone: the person's time zone in their words ("London", "Europe/Berlin", "UTC+2"), read
// with the coaching section's ZoneNames; completes the reminder whose time is in `number`.
// Its first fact is the one its `when` reads (set while a zone is owed), cleared here.
enum class AnswerType { kYesNo, kNumber, kChoice, kChecklist, kTime, kZone };

// One option of a choice question: picked by its label or by any of its intents.
struct Choice {
  std::string label;                      // shown as a quick reply
  std::string label_normalised;           // the label as the normaliser sees it (set at load)
  std::vector<std::string> intents;       // intent ids that pick it
  std::map<std::string, bool> sets;       // facts it sets
  std::map<std::string, double> numbers;  // numbers it sets (duration in weeks)
  std::map<std::string, int> score;       // scale -> points
  std::string value;                      // written to the journal when its node has `journal`
  YAML::Mark mark;
};

// One sign on a checklist question ("any of these?"). Listed only while its facts are
// unknown and `when` holds; picked by its label, by any of its intents, or by a
// mention with a yes ("yes, the bladder one"); a mention with a hedge ("not sure
// about the bladder thing") asks it alone.
struct ChecklistItem {
  std::string label;                  // listed in the question and offered as a quick reply
  std::string label_normalised;       // set at load, like Choice::label_normalised
  std::vector<std::string> facts;     // picked: the first is affirmed; "none": all denied
  std::vector<std::string> intents;   // intents that say it (their facts are the item's)
  std::vector<std::string> mentions;  // intents that only name it, without yes or no
  std::string alone;                  // yes/no question asking this item alone when hedged
  std::map<std::string, int> score;   // scale -> points when it is affirmed
  triage::Condition when;             // listed only when it holds (default: always)
  YAML::Mark mark;
};

// A conditional assignment of a decide node.
struct Rule {
  triage::Condition when;
  std::map<std::string, bool> sets;
};

struct Branch {
  triage::Condition when;
  std::string go;
  YAML::Mark mark;
};

struct Node {
  std::string id;
  NodeType type = NodeType::kSay;
  std::vector<std::string> text;   // bubbles said on arrival (one item, one bubble)
  std::vector<std::string> again;  // kStop: said to later messages
  std::vector<std::string> quick_replies;
  triage::Condition when;          // skipped unless it holds (default: always)
  bool red_flag_question = false;  // unclear twice -> fact `unclear_answer`
  bool completes_intake = false;   // reaching it ends intake: no tier yet -> self_care
  bool asked_once = false;         // talked past, it is left open at once (nice to know)
  bool screening_done = false;     // reaching it: every red flag was asked and none
                                   // fired, so no tier yet -> self_care (intake goes on)

  // kQuestion
  AnswerType answer = AnswerType::kYesNo;
  std::vector<std::string> facts;  // yes/no: "yes" affirms the first, "no" denies all
  std::string number;              // number: the slot
  double min = 0, max = 0;
  bool multi = false;  // choice: several options may be picked
  std::vector<Choice> choices;
  std::map<std::string, int> yes_score;  // yes/no questionnaire item: points for "yes"
  std::vector<ChecklistItem> items;      // checklist: the signs, in the order listed
  bool unticked_is_no = false;           // checklist: items not picked are denied (questionnaire)
  std::string yes_affirms;               // checklist: a bare "yes" affirms this fact (the safe
                                         // side when every item is an emergency)
  std::vector<std::string> reask;        // lead-ins when the question is asked again after the
                                         // person said something else ("Back to my question:")

  std::vector<Rule> rules;                // kDecide
  std::vector<Branch> branches;           // first that holds wins over `next`
  NodeAction action = NodeAction::kNone;  // emitted on arrival (`action: schedule_checkin`)
  std::string journal;                    // question: its answer goes to this journal field
                                          // (pain, routine_done, felt); asked afresh per check-in
  std::string next;                       // default successor ("" -> the following node)
  YAML::Mark mark;
};

// The conversation graph. Nodes keep their file order; `next` defaults to the following one.
struct Flow {
  std::string start;
  std::vector<Node> nodes;
  std::map<std::string, std::size_t> index;

  struct Interrupt {
    triage::Condition when;
    std::vector<std::string> from;  // node ids it applies in; empty: everywhere
    std::string go;
    YAML::Mark mark;
  };
  std::vector<Interrupt> interrupts;              // checked when a turn raises a flag
  std::vector<std::string> yes_no_quick_replies;  // offered with every yes/no question
  std::string checklist_none;                     // the "None of these" quick reply
  std::vector<std::string> bare_number_words;     // may stand around a bare number answer
  std::vector<std::string> reask;                 // default lead-ins for a question asked again

  // A plea after a referral ("can't I wait till Monday?"): the advice again, per tier.
  struct Plea {
    std::string intent;
    std::map<std::string, std::string> say;  // tier id -> text
    YAML::Mark mark;
  };
  std::vector<Plea> pleas;
  std::map<std::string, std::string> small_talk;  // intent -> reply ("hello" -> "Hello!")
  std::map<std::string, std::string> how_to;      // intent -> exercise whose card it asks for

  // "Got it: ..." for what a message told beyond the answer to the question asked.
  struct Acknowledgements {
    std::string lead;                            // "Got it: {}." ({} = the phrases)
    std::map<std::string, std::string> facts;    // fact -> phrase when affirmed
    std::map<std::string, std::string> numbers;  // slot -> phrase ({} = the value)
  } acknowledgements;

  const Node* find(const std::string& id) const {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &nodes[it->second];
  }
  // The node after `n` when no branch applies; null at the end.
  const Node* successor(const Node& n) const;
};

}  // namespace backcoach::dialogue
