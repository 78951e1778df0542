#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

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
};

// Every open connection, so that a drain can reach them all. Holds weak
// references: a session's lifetime is its own; it removes itself when it ends.
// Thread-safety: every method from any thread.
class SessionRegistry {
 public:
  using Id = std::uint64_t;

  Id add(std::weak_ptr<Session> session);
  void remove(Id id);

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
  bool draining_ = false;
  bool aborting_ = false;
  std::function<void()> on_empty_;
};

}  // namespace backcoach::net
