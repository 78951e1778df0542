#include "app/startup_loads.h"

#include "service/token_signer.h"
#include "webpush/vapid.h"

namespace backcoach::app {

void log_diagnostics(const std::vector<Diagnostic>& problems, const service::EventLog& log,
                     const char* event) {
  for (const auto& d : problems) {
    log.error(event, {{"diagnostic", d.to_string()},
                      {"file", d.file},
                      {"line", d.line},
                      {"column", d.column},
                      {"message", d.message}});
  }
}

std::shared_ptr<const dialogue::RuleSet> load_rules(const Config& c, const service::EventLog& log,
                                                    const char* event, bool checked) {
  auto loaded = checked ? dialogue::load_checked_rule_set(c.rules_dir, c.intents_dir)
                        : dialogue::load_rule_set(c.rules_dir, c.intents_dir);
  log_diagnostics(loaded.errors, log, event);
  if (loaded.ok()) {
    const auto& t = loaded.timings;
    log.info("rules_loaded", {{"read_ms", t.read_ms},
                              {"compile_ms", t.compile_ms},
                              {"validate_ms", t.validate_ms},
                              {"examples_ms", t.examples_ms}});
  }
  return loaded.rules;
}

std::shared_ptr<const net::StaticFiles> load_web_root(const Config& c,
                                                      const service::EventLog& log) {
  auto files = net::StaticFiles::load(c.web_root);
  if (files.has_error()) {
    log.warn("web_root_unreadable", {{"dir", c.web_root}, {"error", files.error().message()}});
    return nullptr;
  }
  log.info("web_root_loaded", {{"dir", c.web_root}, {"files", (*files)->size()}});
  return *files;
}

result<std::string> load_secret(const Config& c, const service::EventLog& log) {
  const auto path = c.effective_secret_file();
  if (path.empty()) {
    log.warn("secret_ephemeral", {{"why", "in-memory database: tokens end with this process"}});
    return service::random_secret();
  }
  auto secret = service::load_or_create_secret(path);
  if (secret.has_error()) {
    log.error("secret_unusable",
              {{"file", path},
               {"error", secret.error().message()},
               {"hint", "the file must hold 64 hex digits and be readable by its owner only"}});
  }
  return secret;
}

result<webpush::EcKey> load_vapid(const Config& c, const service::EventLog& log) {
  const auto path = c.effective_vapid_key_file();
  if (path.empty()) {
    log.warn("vapid_key_ephemeral",
             {{"why", "in-memory database: push subscriptions end with this process"}});
    return webpush::EcKey::generate();
  }
  auto key = c.vapid_key_file.empty() ? webpush::load_or_create_vapid_key(path)
                                      : webpush::load_vapid_key(path);
  if (key.has_error()) {
    log.error(
        "vapid_key_unusable",
        {{"file", path},
         {"error", key.error().message()},
         {"hint", "the file must hold a P-256 private key (PEM) readable by its owner only"}});
  }
  return key;
}

std::optional<std::vector<net::BotCallbackDeliverer::Bot>> load_bots(const Config& c,
                                                                     const service::EventLog& log) {
  std::vector<net::BotCallbackDeliverer::Bot> bots;
  for (const auto& bot : c.bots) {
    auto key = service::load_secret(bot.secret_file);
    if (key.has_error()) {
      log.error("bot_secret_unusable",
                {{"bot", bot.id},
                 {"file", bot.secret_file},
                 {"error", key.error().message()},
                 {"hint", "the file must hold 64 hex digits and be readable by its owner only"}});
      return std::nullopt;
    }
    bots.push_back({bot.id, std::move(*key), bot.callback_url});
  }
  if (!bots.empty()) log.info("bots_loaded", {{"bots", bots.size()}});
  return bots;
}

}  // namespace backcoach::app
