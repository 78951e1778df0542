#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dialogue/rule_set.h"
#include "service/rules_holder.h"
#include "service/turn_reply.h"
#include "store/outbox.h"

namespace backcoach::telegram {

// Telegram's limit on a photo's caption, in UTF-16 units (Bot API: sendPhoto).
inline constexpr std::size_t kMaxCaptionLength = 1024;

// The Telegram presenter: a turn's reply as the outbox rows that send it to one chat, in
// order. Each bubble is a sendMessage (split at 4096 characters); its quick replies are an
// inline keyboard on its last piece; an exercise card is a sendPhoto of the exercise's
// picture with the card as its caption (name, numbered steps, hold or repetitions, sides,
// breathing, when to stop; the words around them are rules/telegram.yaml's), or with the
// name alone and the card as text after it when the card is over 1024 characters. The
// advice of an urgent or emergency tier is among the bubbles (with the emergency number,
// from the rules). A reply to "show my journal" (dialogue::ShowJournal), or the last
// answer of a check-in that referred nobody, ends with the pain journal's chart as a
// photo (payload.h: drawn when sent). Pure; thread-safe.
std::vector<store::OutgoingMessage> present_reply(std::int64_t chat_id,
                                                  const service::TurnReply& reply,
                                                  const dialogue::RuleSet& rules);

// An exercise card (RuleSet::exercise_card) as plain text.
std::string card_text(const nlohmann::json& card, const dialogue::RuleSet& rules);

// present_reply for `chat_id` with the rule set in force when the turn is presented.
// `rules` must outlive the presenter.
service::OutboundPresenter presenter_for(std::int64_t chat_id, const service::RulesHolder& rules);

// Messages of the channel's own texts (rules/telegram.yaml) for one chat, split as needed.
std::vector<store::OutgoingMessage> text_messages(std::int64_t chat_id, const std::string& text);

}  // namespace backcoach::telegram
