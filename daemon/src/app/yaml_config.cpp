#include "app/yaml_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

namespace backcoach::app {
namespace {

std::string where(const YAML::Mark& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

// `bots: [{id, secret_file, callback_url}]` as the values of --bot.
CLI::ConfigItem bots_item(const YAML::Node& list) {
  CLI::ConfigItem item;
  item.name = "bot";
  if (list.IsNull()) return item;
  if (!list.IsSequence()) {
    throw CLI::ConfigError("config file, " + where(list.Mark()) +
                           ": bots expects a list of {id, secret_file, callback_url}");
  }
  for (const auto& bot : list) {
    const bool ok = bot.IsMap() && bot["id"] && bot["id"].IsScalar() && bot["secret_file"] &&
                    bot["secret_file"].IsScalar() &&
                    (!bot["callback_url"] || bot["callback_url"].IsScalar());
    if (!ok) {
      throw CLI::ConfigError("config file, " + where(bot.Mark()) +
                             ": a bot needs an id and a secret_file (and may have a callback_url)");
    }
    std::string value = bot["id"].as<std::string>() + "," + bot["secret_file"].as<std::string>();
    if (bot["callback_url"]) value += "," + bot["callback_url"].as<std::string>();
    item.inputs.push_back(std::move(value));
  }
  return item;
}

}  // namespace

std::vector<CLI::ConfigItem> YamlConfig::from_config(std::istream& input) const {
  YAML::Node root;
  try {
    root = YAML::Load(input);
  } catch (const YAML::Exception& e) {
    throw CLI::ConfigError("config file, " + where(e.mark) + ": " + e.msg);
  }
  std::vector<CLI::ConfigItem> parsed;
  if (root.IsNull()) return parsed;
  if (!root.IsMap()) {
    throw CLI::ConfigError("config file, " + where(root.Mark()) + ": expected a mapping");
  }
  for (const auto& entry : root) {
    if (!entry.first.IsScalar()) {  // "{a: b}: c" or "? [a]": not an option name
      throw CLI::ConfigError("config file, " + where(entry.first.Mark()) +
                             ": a key must be an option name");
    }
    CLI::ConfigItem item;
    item.name = entry.first.Scalar();
    std::replace(item.name.begin(), item.name.end(), '_', '-');
    const YAML::Node& value = entry.second;
    if (item.name == "bots") {
      parsed.push_back(bots_item(value));
      continue;
    }
    if (value.IsScalar()) {
      item.inputs.push_back(value.as<std::string>());
    } else if (value.IsSequence()) {
      for (const auto& v : value) {
        if (!v.IsScalar()) {
          throw CLI::ConfigError("config file, " + where(v.Mark()) + ": " + item.name +
                                 " expects a value or a list of values");
        }
        item.inputs.push_back(v.as<std::string>());
      }
    } else if (!value.IsNull()) {
      throw CLI::ConfigError("config file, " + where(value.Mark()) + ": " + item.name +
                             " expects a value or a list of values");
    }
    parsed.push_back(std::move(item));
  }
  return parsed;
}

std::string YamlConfig::to_config(const CLI::App* app, bool default_also, bool, std::string) const {
  YAML::Emitter out;
  out << YAML::BeginMap;
  for (const CLI::Option* opt : app->get_options()) {
    if (!opt->get_configurable() || opt->get_lnames().empty()) continue;
    const auto results = opt->results();
    if (results.empty() && !default_also) continue;
    out << YAML::Key << opt->get_lnames().front();
    if (results.empty()) {
      out << YAML::Value << opt->get_default_str();
    } else if (results.size() == 1) {
      out << YAML::Value << results.front();
    } else {
      out << YAML::Value << YAML::Flow << results;
    }
  }
  out << YAML::EndMap;
  return out.c_str();
}

}  // namespace backcoach::app
