#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace backcoach::net {

// A live connection the server may ask to wind down.
class Session {
 public:
  virtual ~Session() = default;
  // Finish what is in flight, then close (a WebSocket with a going-away frame).
  // Safe from any thread: implementations post to their own strand.
  virtual void shutdown() = 0;
  // Closes the connection now, dropping what is in flight, so that its pending
  // operations complete (aborted) and it ends. Any thread; posts to its strand.
  virtual void abort() = 0;
  // A message the server starts (a check-in) for `user_id`: sent if this session
  // still speaks for that person. Any thread; posts to its strand. Sessions that
  // carry no person (plain HTTP) ignore it.
  virtual void push(const std::string& user_id, std::shared_ptr<const std::string> frame) {
    (void)user_id;
    (void)frame;
  }
};

// Every open connection, so that a drain can reach them all. Holds weak
// references: a session's lifetime is its own; it removes itself when it ends.
// Thread-safety: every method from any thread.
class SessionRegistry {
 public:
  using Id = std::uint64_t;

  Id add(std::weak_ptr<Session> session);
  void remove(Id id);

  // The person a session speaks for (a WebSocket after its welcome).
  void set_user(Id id, std::string user_id);
  // The live sessions of a person, for a push.
  std::vector<std::shared_ptr<Session>> sessions_of(const std::string& user_id) const;

  // Asks every session to shut down; `on_empty` runs (on the thread of the last
  // remove, or here when already empty) once no session is left. Sessions added
  // later are shut down at once.
  void shutdown_all(std::function<void()> on_empty);

  // Aborts every session, and those added later. The `on_empty` of shutdown_all is
  // dropped unrun: after this, a session ending (even one destroyed with its
  // io_context) calls back into nothing its owner may already have torn down.
  void abort_all();

  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  Id next_ = 1;
  std::unordered_map<Id, std::weak_ptr<Session>> sessions_;
  std::unordered_map<Id, std::string> users_;  // sessions that speak for a person
  bool draining_ = false;
  bool aborting_ = false;
  std::function<void()> on_empty_;
};

}  // namespace backcoach::net
