#pragma once

#include <memory>
#include <string>

#include "app/config.h"
#include "telegram/channel.h"

namespace backcoach::app {

// The Telegram channel as the configuration asks for it: reads the token and the webhook
// secret from their files (never logging them), finds the exercise pictures (the flag,
// else <web root>/../img/exercises as installed, else the build's), and builds the
// channel. nullptr after logging why (telegram_token_unusable, telegram_unusable) when it
// cannot work: the daemon then does not start. Call at start, off the I/O threads.
std::unique_ptr<telegram::Channel> make_telegram_channel(const TelegramConfig& config,
                                                         const std::string& web_root,
                                                         telegram::Channel::Deps deps);

}  // namespace backcoach::app
