#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"

namespace backcoach::store {

// How a person is known on one channel: a bot's id for them, a Telegram chat id.
struct Identity {
  std::string channel;      // "bot:<bot id>", "telegram", ...
  std::string external_id;  // the channel's id for the person (opaque to us)
};

// Where a channel's id for a person leads to our user id. One person may have
// many identities; an identity belongs to one person. Erasing the person erases
// every identity of theirs.
//
// Thread-safety: every method from any thread; none from an I/O thread (they
// touch the disk) or from a CommitHandler (they wait for the writer).
class Identities {
 public:
  struct Resolved {
    std::string user_id;
    bool created = false;  // a new person (and an empty conversation) was made for it
  };

  virtual ~Identities() = default;

  // The person behind `identity`, made (user, conversation, identity, in one
  // transaction) when there is none. Two callers racing for one new identity
  // both get the same user.
  virtual result<Resolved> resolve_identity(const Identity& identity, std::int64_t now_ms) = 0;

  // Joins `identity` to an existing person (a channel they linked). errc::duplicate
  // when the identity belongs to someone already; errc::not_found when there is
  // no such user.
  virtual result<void> link_identity(const Identity& identity, const std::string& user_id,
                                     std::int64_t now_ms) = 0;

  // The person behind `identity`, if any. Never creates.
  virtual result<std::optional<std::string>> find_identity(const Identity& identity) = 0;

  // Every identity of the person, in the order they were made.
  virtual result<std::vector<Identity>> identities_of(const std::string& user_id) = 0;
};

}  // namespace backcoach::store
