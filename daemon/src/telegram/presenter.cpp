#include "telegram/presenter.h"

#include "telegram/buttons.h"
#include "telegram/payload.h"
#include "telegram/split_text.h"

namespace backcoach::telegram {
namespace {

using nlohmann::json;

// `text` with "{name}" replaced by `value`.
std::string fill(std::string text, const std::string& name, const std::string& value) {
  const std::string mark = "{" + name + "}";
  for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at)) {
    text.replace(at, mark.size(), value);
    at += value.size();
  }
  return text;
}

std::string string_of(const json& card, const char* key) {
  const auto it = card.find(key);
  return it != card.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "Hold for 30 seconds. Do both sides." and the like: the card's dosage line.
std::string dosage(const json& card, const dialogue::RuleSet& rules) {
  std::string line;
  const auto add = [&line](const std::string& part) {
    if (part.empty()) return;
    if (!line.empty()) line += ' ';
    line += part;
  };
  const auto hold = card.find("hold_seconds");
  if (hold != card.end() && hold->is_number_integer()) {
    add(fill(rules.telegram_text("card_hold"), "seconds", std::to_string(hold->get<int>())));
  }
  const auto reps = card.find("repetitions");
  if (reps != card.end() && reps->is_number_integer()) {
    add(fill(rules.telegram_text("card_repetitions"), "count", std::to_string(reps->get<int>())));
  }
  if (card.value("each_side", false)) add(rules.telegram_text("card_each_side"));
  return line;
}

void add_bubble(std::vector<store::OutgoingMessage>& out, std::int64_t chat_id,
                const service::ReplyMessage& m) {
  const auto pieces = split_message(m.text);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const bool last = i + 1 == pieces.size();
    out.push_back(text_message(chat_id, pieces[i],
                               last ? quick_reply_keyboard(m.quick_replies) : InlineKeyboard{}));
  }
}

void add_exercise(std::vector<store::OutgoingMessage>& out, std::int64_t chat_id,
                  const service::ReplyMessage& m, const dialogue::RuleSet& rules) {
  const auto& exercise = *m.exercise;
  const std::string text = card_text(exercise.card, rules);
  const auto keyboard = quick_reply_keyboard(m.quick_replies);
  if (utf16_length(text) <= kMaxCaptionLength) {
    out.push_back(exercise_photo(chat_id, exercise.id, text, keyboard));
    return;
  }
  std::string name = string_of(exercise.card, "name");
  if (utf16_length(name) > kMaxCaptionLength) name = split_message(name, kMaxCaptionLength)[0];
  out.push_back(exercise_photo(chat_id, exercise.id, name));
  add_bubble(out, chat_id, {text, m.quick_replies, std::nullopt});
}

// The journal's chart follows a reply that asked for it ("show my journal") or that ends
// a check-in (its last answer, how the routine felt), unless the same turn referred the
// person: then the advice is the last thing they read. nullopt: no chart.
std::optional<std::string> chart_caption(const service::TurnReply& reply,
                                         const dialogue::RuleSet& rules) {
  bool asked = false, checked_in = false, referred = false;
  for (const auto& action : reply.actions) {
    if (std::holds_alternative<dialogue::ShowJournal>(action)) asked = true;
    if (std::holds_alternative<dialogue::Refer>(action)) referred = true;
    if (const auto* a = std::get_if<dialogue::JournalAnswer>(&action)) {
      checked_in = checked_in || a->field == "felt";
    }
  }
  if (asked) return rules.telegram_text("journal_caption");
  if (checked_in && !referred) return rules.telegram_text("journal_after_checkin");
  return std::nullopt;
}

}  // namespace

std::string card_text(const json& card, const dialogue::RuleSet& rules) {
  std::string text = string_of(card, "name");
  const auto steps = card.find("steps");
  if (steps != card.end() && steps->is_array()) {
    int n = 0;
    for (const auto& step : *steps) {
      if (step.is_string()) text += "\n" + std::to_string(++n) + ". " + step.get<std::string>();
    }
  }
  for (const std::string& line :
       {dosage(card, rules), string_of(card, "breathing"), string_of(card, "stop_if")}) {
    if (!line.empty()) text += "\n" + line;
  }
  return text;
}

std::vector<store::OutgoingMessage> present_reply(std::int64_t chat_id,
                                                  const service::TurnReply& reply,
                                                  const dialogue::RuleSet& rules) {
  std::vector<store::OutgoingMessage> out;
  for (const auto& m : reply.messages) {
    if (m.exercise) {
      add_exercise(out, chat_id, m, rules);
    } else {
      add_bubble(out, chat_id, m);
    }
  }
  if (auto caption = chart_caption(reply, rules)) {
    out.push_back(journal_chart(chat_id, std::move(*caption)));
  }
  return out;
}

service::OutboundPresenter presenter_for(std::int64_t chat_id, const service::RulesHolder& rules) {
  return [chat_id, &rules](const service::TurnReply& reply) {
    return present_reply(chat_id, reply, *rules.get());
  };
}

std::vector<store::OutgoingMessage> text_messages(std::int64_t chat_id, const std::string& text) {
  std::vector<store::OutgoingMessage> out;
  for (auto& piece : split_message(text)) out.push_back(text_message(chat_id, std::move(piece)));
  return out;
}

}  // namespace backcoach::telegram
