#include "net/connection_limiter.h"

namespace backcoach::net {

ConnectionLimiter::Ticket::Ticket(Ticket&& other) noexcept
    : owner_(other.owner_), address_(std::move(other.address_)) {
  other.owner_ = nullptr;
}

ConnectionLimiter::Ticket& ConnectionLimiter::Ticket::operator=(Ticket&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = other.owner_;
    address_ = std::move(other.address_);
    other.owner_ = nullptr;
  }
  return *this;
}

ConnectionLimiter::Ticket::~Ticket() { release(); }

void ConnectionLimiter::Ticket::release() noexcept {
  if (owner_ != nullptr) owner_->release(address_);
  owner_ = nullptr;
}

std::pair<ConnectionLimiter::Verdict, ConnectionLimiter::Ticket> ConnectionLimiter::admit(
    const std::string& address, bool per_address_cap) {
  std::lock_guard lock(mu_);
  if (total_ >= max_total_) return {Verdict::over_total, Ticket{}};
  auto& count = per_address_[address];
  if (per_address_cap && count >= max_per_address_) {
    if (count == 0) per_address_.erase(address);
    return {Verdict::over_per_address, Ticket{}};
  }
  ++count;
  ++total_;
  return {Verdict::admitted, Ticket(this, address)};
}

ConnectionLimiter::Verdict ConnectionLimiter::move(Ticket& ticket, const std::string& address) {
  if (!ticket || ticket.address_ == address) return Verdict::admitted;
  std::lock_guard lock(mu_);
  auto& count = per_address_[address];
  if (count >= max_per_address_) {
    if (count == 0) per_address_.erase(address);
    return Verdict::over_per_address;
  }
  ++count;
  const auto old = per_address_.find(ticket.address_);
  if (old != per_address_.end() && --old->second == 0) per_address_.erase(old);
  ticket.address_ = address;
  return Verdict::admitted;
}

void ConnectionLimiter::release(const std::string& address) noexcept {
  std::lock_guard lock(mu_);
  --total_;
  const auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

std::size_t ConnectionLimiter::open() const {
  std::lock_guard lock(mu_);
  return total_;
}

}  // namespace backcoach::net
