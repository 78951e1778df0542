#pragma once

#include <iosfwd>

#include "app/config.h"

namespace backcoach::app {

// The whole daemon, wired: rules, store, service, network, signals.
// run() blocks until SIGTERM/SIGINT has drained the connections.
//
//   SIGHUP           reload rules, intents and the web root; validated first: a
//                    broken file is logged with file:line and the old set keeps serving
//   SIGTERM, SIGINT  stop accepting, finish turns in flight, close WebSockets with
//                    1001 going away, commit what is queued, exit 0
//
// Prints "backcoachd listening on http://HOST:PORT" to `out` once it accepts.
class Daemon {
 public:
  explicit Daemon(Config config) : config_(std::move(config)) {}

  // 0 after a clean stop; 1 when start-up failed (the reason is logged).
  int run(std::ostream& out);

 private:
  Config config_;
};

}  // namespace backcoach::app
