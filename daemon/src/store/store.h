#pragma once

#include "store/conversation_log.h"
#include "store/identities.h"
#include "store/link_codes.h"
#include "store/outbox.h"
#include "store/push_subscriptions.h"
#include "store/reminders.h"
#include "store/telegram_state.h"

namespace backcoach::store {

// The one place that speaks SQL: every narrow interface the daemon uses, over one
// database. Implementations: SQLite (embedded default); a PostgreSQL backend may
// implement the same interfaces later, each checked by its own contract suite
// (tests/store). Code that needs one concern takes that interface, not Store.
class Store : public ConversationLog,
              public Identities,
              public Outbox,
              public Reminders,
              public LinkCodes,
              public TelegramState,
              public PushSubscriptions {
 public:
  // Commits what is queued and stops the writer. Later appends fail with unavailable.
  virtual void close() = 0;
};

}  // namespace backcoach::store
