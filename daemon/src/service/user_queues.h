#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "dialogue/conversation_state.h"
#include "service/turn_reply.h"

namespace backcoach::service {

// One person's cached conversation. The fields below are touched only by the
// operation that is running for this user, and UserQueues runs one at a time per
// user, so they need no lock of their own.
struct UserEntry {
  explicit UserEntry(std::string id) : user_id(std::move(id)) {}

  const std::string user_id;
  bool loaded = false;                // state and turns reflect the store
  dialogue::ConversationState state;  // after the last committed turn
  std::int64_t turns = 0;             // committed turns (the opening included)
  // Replies to the last client message ids, newest last, to answer a resend
  // without asking the store.
  std::deque<std::pair<std::string, TurnReply>> recent;

 private:
  friend class UserQueues;
  // Guarded by UserQueues::mu_.
  std::deque<std::function<void(std::shared_ptr<UserEntry>)>> queue_;
  bool busy_ = false;
  int attached_ = 0;
};

// Per-user serialisation: operations for one user run one after another, in the
// order they were queued, even when they come from several connections (two tabs
// of one person never interleave turns). Different users run in parallel.
// An operation is asynchronous: it receives the entry and must call
// UserQueues::finish(entry) exactly once when it is done.
// Entries stay cached while a connection is attached or an operation is queued,
// and are dropped after that, so memory follows the connected users.
// Thread-safety: every method from any thread.
class UserQueues {
 public:
  using Op = std::function<void(std::shared_ptr<UserEntry>)>;

  // `executor` runs the operations (they must not block: post disk work elsewhere).
  explicit UserQueues(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

  void run(const std::string& user_id, Op op);
  void finish(const std::shared_ptr<UserEntry>& entry);

  // A connection now speaks for this user (keeps the entry cached) / no longer does.
  void attach(const std::string& user_id);
  void detach(const std::string& user_id);

  std::size_t cached_users() const;

 private:
  void start_next(std::shared_ptr<UserEntry> entry);
  void drop_if_unused(const std::shared_ptr<UserEntry>& entry);  // REQUIRES: mu_ held

  boost::asio::any_io_executor executor_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<UserEntry>> entries_;
};

}  // namespace backcoach::service
