#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/config.h"
#include "common/diagnostic.h"
#include "common/errc.h"
#include "dialogue/rule_set.h"
#include "net/bot_callback.h"
#include "net/static_files.h"
#include "service/event_log.h"
#include "webpush/ec_key.h"

namespace backcoach::app {

// What the daemon reads at start (and the rules and web root again on SIGHUP), each from
// where the configuration points, each logging what it read or why it could not. Secrets
// and keys are never logged, only their files' paths.

// Every problem as one `event` line with its file:line.
void log_diagnostics(const std::vector<Diagnostic>& problems, const service::EventLog& log,
                     const char* event);

// Loads and validates rules and intents; null after logging every problem. `checked`:
// the examples too (a reload); at start they are checked after readiness instead
// (check_examples_in_background; docs/architecture.md says why).
std::shared_ptr<const dialogue::RuleSet> load_rules(const Config& c, const service::EventLog& log,
                                                    const char* event, bool checked);

// The widget's files; null (and a warning) when the directory cannot be read.
std::shared_ptr<const net::StaticFiles> load_web_root(const Config& c,
                                                      const service::EventLog& log);

// The token-signing secret: the configured or default file (made on first start), or a
// random one for an in-memory database.
result<std::string> load_secret(const Config& c, const service::EventLog& log);

// The VAPID key of Web Push: the configured file (which must exist), or vapid.pem beside
// the database, made on first start; an in-memory database gets a key that ends with the
// process (subscriptions made with it die with it).
result<webpush::EcKey> load_vapid(const Config& c, const service::EventLog& log);

// The bots of the signed bot API with their keys and callbacks; nullopt after logging
// why one cannot be used (the daemon then stops: a bot configured but unreachable is a
// mistake to fix, not to run past).
std::optional<std::vector<net::BotCallbackDeliverer::Bot>> load_bots(const Config& c,
                                                                     const service::EventLog& log);

}  // namespace backcoach::app
