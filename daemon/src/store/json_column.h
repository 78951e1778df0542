#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/errc.h"

// How JSON values are kept in TEXT columns. Thread-safety: pure functions.
namespace backcoach::store {

// Compact JSON text. Never throws: invalid UTF-8 inside strings is replaced
// with U+FFFD rather than losing the turn.
std::string json_text(const nlohmann::json& value);
std::string json_text(const std::vector<std::string>& values);

// Parses a column written by json_text; errc::storage_error when it is not JSON
// (the row was damaged outside the store).
result<nlohmann::json> parse_json_column(std::string_view text);

// A JSON array of strings as a vector; errc::storage_error for anything else.
result<std::vector<std::string>> parse_string_list(std::string_view text);

}  // namespace backcoach::store
