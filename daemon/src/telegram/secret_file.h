#pragma once

#include <string>

#include "common/errc.h"

namespace backcoach::telegram {

// Reads a one-line secret the operator keeps in a file: the bot token from BotFather, or
// the webhook's secret_token. The file must be readable by its owner only; the line is
// taken without surrounding whitespace and must be 1-256 characters of
// A-Z a-z 0-9 _ - and, for a token, one ':' (what both Telegram and a URL path accept).
// Errors: the system's (missing, unreadable), errc::invalid_argument (readable by group or
// others), errc::parse_error (anything else in it). Never logs; the caller says which
// file, never what is in it.
enum class SecretKind { bot_token, webhook_secret };
result<std::string> read_secret_file(const std::string& path, SecretKind kind);

// What an operator should be told about such an error, naming no secret.
std::string secret_file_hint(SecretKind kind);

}  // namespace backcoach::telegram
