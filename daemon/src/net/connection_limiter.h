#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace backcoach::net {

// Caps open connections in all and per client address. A connection holds a
// Ticket for its lifetime; dropping the ticket frees its place. A connection from
// a trusted proxy is admitted uncapped under the proxy's address (its client is not
// known before the request is read) and moved to its client's address once it is.
// Thread-safety: every method from any thread.
class ConnectionLimiter {
 public:
  enum class Verdict { admitted, over_total, over_per_address };

  class Ticket {
   public:
    Ticket() = default;
    Ticket(Ticket&& other) noexcept;
    Ticket& operator=(Ticket&& other) noexcept;
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket();

    explicit operator bool() const { return owner_ != nullptr; }
    // The client address the ticket was admitted for.
    const std::string& address() const { return address_; }

   private:
    friend class ConnectionLimiter;
    Ticket(ConnectionLimiter* owner, std::string address)
        : owner_(owner), address_(std::move(address)) {}
    void release() noexcept;

    ConnectionLimiter* owner_ = nullptr;
    std::string address_;
  };

  ConnectionLimiter(std::size_t max_total, std::size_t max_per_address)
      : max_total_(max_total), max_per_address_(max_per_address) {}

  // An admitted verdict comes with a ticket; others with an empty one.
  // The limiter must outlive its tickets. `per_address_cap` false: only the total
  // cap applies (a trusted proxy's connection, before its client is known).
  std::pair<Verdict, Ticket> admit(const std::string& address, bool per_address_cap = true);

  // Counts `ticket`'s connection for `address` from now on, if that address is
  // under its cap (admitted); otherwise over_per_address and the ticket is unchanged.
  Verdict move(Ticket& ticket, const std::string& address);

  std::size_t open() const;

 private:
  void release(const std::string& address) noexcept;

  const std::size_t max_total_;
  const std::size_t max_per_address_;
  mutable std::mutex mu_;
  std::size_t total_ = 0;
  std::unordered_map<std::string, std::size_t> per_address_;
};

}  // namespace backcoach::net
