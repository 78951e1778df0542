#include "dialogue/rule_set.h"

#include <algorithm>

#include "dialogue/rule_set_impl.h"

namespace backcoach::dialogue {

RuleSet::RuleSet(std::unique_ptr<const RuleSetImpl> impl) : impl_(std::move(impl)) {}
RuleSet::~RuleSet() = default;

nlohmann::json RuleSet::exercise_card(const std::string& id) const {
  const Exercise* e = impl_->exercise(id);
  return e ? e->card() : nlohmann::json();
}

std::vector<std::string> RuleSet::exercise_ids() const {
  std::vector<std::string> out;
  for (const auto& e : impl_->exercises) out.push_back(e.id);
  return out;
}

std::vector<std::string> RuleSet::flag_ids() const {
  std::vector<std::string> out;
  for (const auto& f : impl_->flags) out.push_back(f.id);
  return out;
}

std::size_t RuleSet::intent_count() const { return impl_->matcher->intents().size(); }

int RuleSet::follow_up_days() const { return impl_->coaching.follow_up_days; }
std::string RuleSet::checkin_notification_title() const {
  return impl_->coaching.notification.title;
}
std::string RuleSet::checkin_notification_body() const { return impl_->coaching.notification.body; }

nlohmann::json Exercise::card() const {
  nlohmann::json j = {{"id", id},
                      {"name", name},
                      {"kind", kind},
                      {"image", "/img/exercises/" + id + ".svg"},
                      {"alt", alt},
                      {"steps", steps},
                      {"each_side", each_side},
                      {"breathing", breathing},
                      {"dose", dose},
                      {"form", form},
                      {"targets", targets},
                      {"stop_if", stop_if}};
  j["hold_seconds"] = hold_seconds ? nlohmann::json(*hold_seconds) : nlohmann::json();
  j["repetitions"] = repetitions ? nlohmann::json(*repetitions) : nlohmann::json();
  return j;
}

const std::vector<std::string>& RuleSetImpl::required_responses() {
  static const std::vector<std::string> kIds = {"not_understood",       "empty_message",
                                                "unclear_reask",        "unclear_gave_up",
                                                "invalid_utf8",         "number_out_of_range",
                                                "routine_paused",       "no_routine",
                                                "reader_failed",        "faq_after_referral",
                                                "not_understood_pick",  "checklist_hedged",
                                                "checklist_which",      "and",
                                                "correction_withdrawn", "reminder_set",
                                                "reminders_stopped",    "journal_shown",
                                                "reminder_set_in_zone", "reminder_zone_declined"};
  return kIds;
}

const std::vector<std::string>& RuleSetImpl::required_telegram_texts() {
  static const std::vector<std::string> kIds = {
      "help",           "start_again",     "linked",
      "link_failed",    "forget_confirm",  "forget_yes",
      "forget_no",      "forgotten",       "forget_kept",
      "stopped",        "not_text",        "unknown_command",
      "button_expired", "card_hold",       "card_repetitions",
      "card_each_side", "journal_caption", "journal_after_checkin"};
  return kIds;
}

const std::vector<std::string>& RuleSetImpl::banner_texts() {
  static const std::vector<std::string> kIds = {"heading", "text", "launcher"};
  return kIds;
}

const std::vector<std::string>& RuleSetImpl::banner_tiers() {
  static const std::vector<std::string> kTiers = {"urgent", "emergency"};
  return kTiers;
}

nlohmann::json RuleSet::routine_level(int number) const {
  const auto& p = impl_->progression;
  if (number == 0) number = p.start;
  const auto* level = p.level(number);
  if (level == nullptr) return nullptr;
  return {{"number", number},
          {"of", static_cast<int>(p.levels.size())},
          {"name", level->name},
          {"dose", level->dose}};
}

nlohmann::json RuleSet::tier_banner(const std::optional<std::string>& tier) const {
  const auto it = tier ? impl_->tier_banners.find(*tier) : impl_->tier_banners.end();
  if (it == impl_->tier_banners.end()) return nullptr;
  return nlohmann::json(it->second);
}

const std::string& RuleSet::telegram_text(const std::string& id) const {
  static const std::string kEmpty;
  auto it = impl_->telegram_texts.find(id);
  return it == impl_->telegram_texts.end() ? kEmpty : it->second;
}

const Exercise* RuleSetImpl::exercise(const std::string& id) const {
  for (const auto& e : exercises)
    if (e.id == id) return &e;
  return nullptr;
}

const triage::FlagDef* RuleSetImpl::flag(const std::string& id) const {
  for (const auto& f : flags)
    if (f.id == id) return &f;
  return nullptr;
}

const FaqEntry* RuleSetImpl::faq_for(const std::string& intent) const {
  for (const auto& f : faq)
    if (f.intent == intent) return &f;
  return nullptr;
}

const std::string& RuleSetImpl::response(const std::string& id) const {
  static const std::string kEmpty;
  auto it = responses.find(id);
  return it == responses.end() ? kEmpty : it->second;
}

bool RuleSetImpl::told_for_someone(const triage::Facts& facts) const {
  return perspective && facts.affirmed(perspective->when());
}

MatchResult RuleSetImpl::read(std::string& canonical, bool for_someone) const {
  MatchResult m = matcher->match(canonical);
  if (m.failed || !perspective) return m;
  const std::string& fact = perspective->when();
  const auto says_so = [&](const IntentHit& h) {
    const auto& facts = matcher->intents()[h.intent].facts;
    return h.affirmed() && std::find(facts.begin(), facts.end(), fact) != facts.end();
  };
  const auto said = std::find_if(m.hits.begin(), m.hits.end(), says_so);
  if (!for_someone && said == m.hits.end()) return m;
  std::string shifted = perspective->shift(canonical);
  MatchResult again = matcher->match(shifted);
  if (again.failed) return again;
  // "he asked me to type this for him" no longer says so once shifted: keep the saying.
  if (said != m.hits.end() && std::none_of(again.hits.begin(), again.hits.end(), says_so)) {
    again.hits.insert(again.hits.begin(), *said);
  }
  canonical = std::move(shifted);
  return again;
}

}  // namespace backcoach::dialogue
