#pragma once

#include "service/metrics.h"

namespace backcoach::telegram {

// backcoach_telegram_updates_total{outcome}: what became of the updates Telegram sent.
//   received  recorded, new          repeated  an update_id seen before, dropped
//   handled   done with              dropped   given up after repeated store failures
// Every series exists from the start (at 0), so an alert on `dropped` reads zero.
// Thread-safety: as service::Counter.
struct UpdateCounters {
  explicit UpdateCounters(service::Registry& registry);

  service::Counter& received;
  service::Counter& repeated;
  service::Counter& handled;
  service::Counter& dropped;
};

}  // namespace backcoach::telegram
