#pragma once

#include "net/server.h"
#include "service/notifier.h"
#include "service/rules_holder.h"
#include "store/push_subscriptions.h"

namespace backcoach::app {

// Web Push's answer to the Notifier (a person channel): for a person with no widget
// open, a "webpush" outbox row per browser they allowed notifications in, carrying
// the rules' check-in notification (rules/coaching.yaml `notification`; the check-in
// is the only message the daemon starts). While a widget is open, none: it gets the
// check-in live as a `push` frame, one alert for one check-in. The choice is made
// before the turn runs: a widget closed in the instant between finds the check-in in
// its history; one opened in that instant gets both.
// The server, subscriptions and rules must outlive the factory; it reads the store
// (call on a blocking thread).
service::Notifier::PersonPresenterFactory web_push_presenters(
    const net::Server& server, store::PushSubscriptions& subscriptions,
    const service::RulesHolder& rules);

}  // namespace backcoach::app
