// The trend over the check-ins the engine remembers, and the routine's level moving
// with it (rules/progression.yaml). What is derived here goes into the facts, so the
// red flags and the progression's changes read it like anything the person said.
#include <algorithm>
#include <initializer_list>
#include <utility>

#include "dialogue/turn.h"

namespace backcoach::dialogue {
namespace {

using P = ProgressionRules;

// `text` with each `{key}` of `values` replaced by its value.
std::string fill(std::string text,
                 std::initializer_list<std::pair<const char*, std::string>> values) {
  for (const auto& [key, value] : values) {
    const std::string tag = std::string("{") + key + "}";
    for (auto at = text.find(tag); at != std::string::npos;
         at = text.find(tag, at + value.size())) {
      text.replace(at, tag.size(), value);
    }
  }
  return text;
}

// Stretches done and felt no worse: a check-in that counts towards moving up.
bool felt_fine(const CheckinScore& c) {
  return c.routine_done.value_or(false) && (c.felt == "better" || c.felt == "same");
}

}  // namespace

// A check-in began: a score for its day, and the ones outside the window forgotten.
void Turn::open_checkin() {
  auto& list = s_.checkins;
  const int day = event_day_ ? *event_day_ : (list.empty() ? 0 : list.back().day + 1);
  if (!list.empty() && list.back().day == day) list.pop_back();  // asked again that day
  const int oldest = day - rules_.progression.window_days;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const CheckinScore& c) { return c.day < oldest || c.day > day; }),
             list.end());
  list.push_back({day, {}, {}, {}, false});
}

void Turn::note_checkin(const std::string& field, const nlohmann::json& value) {
  if (s_.checkins.empty()) return;  // a check-in opened before the engine kept scores
  CheckinScore& today = s_.checkins.back();
  if (field == "pain" && value.is_number()) today.pain = value.get<int>();
  if (field == "routine_done" && value.is_boolean()) today.routine_done = value.get<bool>();
  if (field == "felt" && value.is_string()) today.felt = value.get<std::string>();
}

// trend_days, pain_change, pain_rise, good_checkins and checkin_worse, from the
// check-ins kept (ProgressionRules); a number that cannot be known is left out.
void Turn::update_trend() {
  scored_ = true;
  auto& numbers = s_.facts.numbers;
  for (const char* k : {P::kTrendDays, P::kPainChange, P::kPainRise, P::kGoodCheckins}) {
    numbers.erase(k);
  }
  s_.facts.truth.erase(P::kFeltWorse);
  if (s_.checkins.empty()) return;
  const CheckinScore& today = s_.checkins.back();
  if (today.felt == "worse") s_.facts.truth[P::kFeltWorse] = true;
  int good = 0;
  for (auto it = s_.checkins.rbegin(); it != s_.checkins.rend() && !it->moved && felt_fine(*it);
       ++it) {
    ++good;
  }
  numbers[P::kGoodCheckins] = good;
  if (!today.pain) return;
  const auto scored = [](const CheckinScore& c) { return c.pain.has_value(); };
  const auto before = s_.checkins.end() - 1;
  const auto first = std::find_if(s_.checkins.begin(), before, scored);
  if (first == before) return;
  numbers[P::kTrendDays] = today.day - first->day;
  numbers[P::kPainChange] = *today.pain - *first->pain;
  const auto last = std::find_if(std::make_reverse_iterator(before), s_.checkins.rend(), scored);
  numbers[P::kPainRise] = *today.pain - *last->pain;
}

// After a check-in answer, the first change of the rules that holds and has a level
// to go to moves the routine there and says so; at most one change per check-in.
void Turn::progress() {
  const auto& p = rules_.progression;
  if (!scored_ || p.levels.empty() || s_.routine.empty() || s_.checkins.empty()) return;
  // Emergency or urgent: that advice alone; the routine's level can wait.
  if (s_.tier && *s_.tier >= triage::Tier::kUrgent) return;
  CheckinScore& today = s_.checkins.back();
  if (today.moved) return;
  const int level = s_.level > 0 ? s_.level : p.start;
  for (const auto& change : p.changes) {
    const P::Level* next = p.level(level + change.step);
    if (next == nullptr || !change.when.eval(ctx())) continue;
    s_.level = level + change.step;
    today.moved = true;
    say(fill(change.say,
             {{"level", std::to_string(s_.level)}, {"name", next->name}, {"dose", next->dose}}));
    return;
  }
}

}  // namespace backcoach::dialogue
