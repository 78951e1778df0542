#include "dialogue/zone_names.h"

#include <date/tz.h>
#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

namespace backcoach::dialogue {
namespace {

constexpr std::size_t kLongestName = 3;  // words: "salt lake city", "port of spain"
constexpr int kMaxOffset = 14;           // UTC+14 (Kiribati); Etc/GMT-14

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

// The words of what a person typed, as the names are kept: lower case, split at anything
// that is not a letter, digit or one of / _ + - (which zone names contain).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : lower(text)) {
    const bool part = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
                      c == '+' || c == '-';
    if (part) {
      word += c;
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

}  // namespace

bool ZoneNames::known(const std::string& name) {
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::runtime_error&) {  // date/tz's way of saying "no such zone"
    return false;
  }
}

void ZoneNames::add(const std::string& name, const std::string& zone) {
  const auto [it, added] = names_.emplace(name, zone);
  if (!added && it->second != zone) it->second.clear();  // two zones share it: ambiguous
}

ZoneNames ZoneNames::from_database() {
  ZoneNames z;
  for (const auto& zone : date::get_tzdb().zones) {
    const std::string name = zone.name();
    z.add(lower(name), name);
    const auto slash = name.rfind('/');
    if (slash == std::string::npos || name.rfind("Etc/", 0) == 0) continue;
    std::string last = lower(name.substr(slash + 1));
    z.add(last, name);
    std::replace(last.begin(), last.end(), '_', ' ');
    z.add(last, name);
  }
  return z;
}

void ZoneNames::read(const YAML::Node& map, const YamlDiag& diag) {
  if (!map.IsMap()) return diag.error(map, "'zones' must be a map");
  diag.known_keys(map, {"places", "ignore", "offset_pattern"});
  std::vector<std::string> ignore;
  diag.string_list(map, "ignore", ignore);
  for (const auto& word : ignore) names_.erase(lower(word));
  const YAML::Node places = map["places"];
  if (places && !places.IsMap()) diag.error(places, "'places' must map names to IANA zones");
  for (const auto& entry : places) {
    const auto name = entry.first.as<std::string>("");
    const auto zone = entry.second.IsScalar() ? entry.second.as<std::string>("") : "";
    if (name.empty() || !known(zone)) {
      diag.error(entry.second,
                 "place '" + name + "': '" + zone + "' is not a zone of the system's tz database");
      continue;
    }
    names_[lower(name)] = zone;  // the rules' word wins over the database's
  }
  std::string pattern;
  if (!diag.string_field(map, "offset_pattern", pattern, true)) return;
  auto re = std::make_shared<re2::RE2>(pattern, re2::RE2::Quiet);
  if (!re->ok()) return diag.error(map["offset_pattern"], "does not compile: " + re->error());
  const auto& groups = re->NamedCapturingGroups();
  if (groups.count("sign") == 0 || groups.count("hours") == 0) {
    return diag.error(map["offset_pattern"], "needs groups (?P<sign>...) and (?P<hours>...)");
  }
  offset_ = std::move(re);
}

std::optional<std::string> ZoneNames::find(std::string_view text) const {
  const std::string low = lower(text);
  if (offset_) {
    std::string sign, hours;
    const auto& groups = offset_->NamedCapturingGroups();
    std::vector<std::string> parts(static_cast<std::size_t>(offset_->NumberOfCapturingGroups()));
    std::vector<RE2::Arg> args(parts.size());
    std::vector<const RE2::Arg*> ptrs(parts.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
      args[i] = &parts[i];
      ptrs[i] = &args[i];
    }
    if (RE2::PartialMatchN(low, *offset_, ptrs.data(), static_cast<int>(ptrs.size()))) {
      sign = parts[static_cast<std::size_t>(groups.at("sign") - 1)];
      hours = parts[static_cast<std::size_t>(groups.at("hours") - 1)];
      const int h = std::stoi(hours);
      if (h > kMaxOffset) return std::nullopt;
      // The POSIX-style Etc names count the other way: UTC+2 is Etc/GMT-2.
      const std::string zone =
          h == 0 ? "Etc/GMT" : "Etc/GMT" + std::string(sign == "-" ? "+" : "-") + std::to_string(h);
      return known(zone) ? std::optional<std::string>(zone) : std::nullopt;
    }
  }
  const auto words = words_of(low);
  std::set<std::string> zones;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t taken = 0;
    for (std::size_t n = std::min(kLongestName, words.size() - i); n >= 1 && taken == 0; --n) {
      std::string key = words[i];
      for (std::size_t k = 1; k < n; ++k) key += " " + words[i + k];
      const auto it = names_.find(key);
      if (it == names_.end()) continue;
      if (it->second.empty()) return std::nullopt;  // a name two zones share: ask again
      zones.insert(it->second);
      taken = n;
    }
    i += std::max<std::size_t>(taken, 1);
  }
  if (zones.size() != 1) return std::nullopt;
  return *zones.begin();
}

}  // namespace backcoach::dialogue
