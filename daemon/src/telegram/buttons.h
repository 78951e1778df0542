#pragma once

#include <string>
#include <vector>

#include "telegram/bot_types.h"

namespace backcoach::telegram {

// The inline buttons the channel offers and what a press on one means. A quick reply's
// callback_data is "q:<label>" when that fits Telegram's 64 bytes, else "q#<n>" (its
// place in the keyboard); a press on the latter is read back from the keyboard of the
// message it came with, which Telegram sends along. /forget's two buttons are
// "forget:yes" and "forget:no". Pure functions.

// Quick replies as buttons: a row of three or fewer short ones, else one per row.
InlineKeyboard quick_reply_keyboard(const std::vector<std::string>& labels);
InlineKeyboard forget_keyboard(const std::string& yes_label, const std::string& no_label);

struct Press {
  enum class Kind {
    choice,      // a quick reply: `choice` is its label
    forget_yes,  // erase, confirmed
    forget_no,
    unreadable,  // data of no button of ours, or a long label whose message is gone
  };
  Kind kind = Kind::unreadable;
  std::string choice;
};

Press read_press(const CallbackQuery& query);

}  // namespace backcoach::telegram
