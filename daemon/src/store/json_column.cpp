#include "store/json_column.h"

#include "store/fail.h"

namespace backcoach::store {

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_text(const std::vector<std::string>& values) {
  return json_text(nlohmann::json(values));
}

result<nlohmann::json> parse_json_column(std::string_view text) {
  auto value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return fail(errc::storage_error);
  return value;
}

result<std::vector<std::string>> parse_string_list(std::string_view text) {
  auto value = parse_json_column(text);
  if (!value) return fail(value.error());
  if (!value->is_array()) return fail(errc::storage_error);
  std::vector<std::string> out;
  out.reserve(value->size());
  for (const auto& item : *value) {
    if (!item.is_string()) return fail(errc::storage_error);
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace backcoach::store
