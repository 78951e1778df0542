#include "telegram/buttons.h"

#include <algorithm>

#include "telegram/split_text.h"

namespace backcoach::telegram {
namespace {

constexpr std::size_t kMaxCallbackData = 64;  // bytes (Bot API: InlineKeyboardButton)
constexpr std::size_t kShortLabel = 12;       // UTF-16 units that still fit three in a row
constexpr std::size_t kMaxInRow = 3;
constexpr char kForgetYes[] = "forget:yes";
constexpr char kForgetNo[] = "forget:no";

std::string choice_data(const std::string& label, std::size_t index) {
  std::string data = "q:" + label;
  if (data.size() <= kMaxCallbackData) return data;
  return "q#" + std::to_string(index);
}

// The label of the button with this data, from the keyboard the press came with.
std::string label_in(const std::optional<Message>& message, const std::string& data) {
  if (!message) return {};
  for (const auto& row : message->keyboard) {
    for (const auto& button : row) {
      if (button.callback_data == data) return button.text;
    }
  }
  return {};
}

}  // namespace

InlineKeyboard quick_reply_keyboard(const std::vector<std::string>& labels) {
  InlineKeyboard keyboard;
  const bool one_row = labels.size() <= kMaxInRow &&
                       std::all_of(labels.begin(), labels.end(), [](const std::string& l) {
                         return utf16_length(l) <= kShortLabel;
                       });
  for (std::size_t i = 0; i < labels.size(); ++i) {
    InlineButton button{labels[i], choice_data(labels[i], i)};
    if (one_row && !keyboard.empty()) {
      keyboard.front().push_back(std::move(button));
    } else {
      keyboard.push_back({std::move(button)});
    }
  }
  return keyboard;
}

InlineKeyboard forget_keyboard(const std::string& yes_label, const std::string& no_label) {
  return {{{yes_label, kForgetYes}}, {{no_label, kForgetNo}}};
}

Press read_press(const CallbackQuery& query) {
  const std::string& data = query.data;
  if (data == kForgetYes) return {Press::Kind::forget_yes, {}};
  if (data == kForgetNo) return {Press::Kind::forget_no, {}};
  if (data.starts_with("q:") && data.size() > 2) return {Press::Kind::choice, data.substr(2)};
  if (data.starts_with("q#")) {
    auto label = label_in(query.message, data);
    if (!label.empty()) return {Press::Kind::choice, std::move(label)};
  }
  return {};
}

}  // namespace backcoach::telegram
