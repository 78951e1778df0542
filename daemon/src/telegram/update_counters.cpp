#include "telegram/update_counters.h"

namespace backcoach::telegram {
namespace {

constexpr char kName[] = "backcoach_telegram_updates_total";
constexpr char kHelp[] = "Telegram updates, by what became of them.";

}  // namespace

UpdateCounters::UpdateCounters(service::Registry& registry)
    : received(registry.counter(kName, kHelp, {{"outcome", "received"}})),
      repeated(registry.counter(kName, kHelp, {{"outcome", "repeated"}})),
      handled(registry.counter(kName, kHelp, {{"outcome", "handled"}})),
      dropped(registry.counter(kName, kHelp, {{"outcome", "dropped"}})) {}

}  // namespace backcoach::telegram
