#include "service/user_queues.h"

#include <boost/asio/post.hpp>

namespace backcoach::service {

void UserQueues::run(const std::string& user_id, Op op) {
  std::shared_ptr<UserEntry> to_start;
  {
    std::lock_guard lock(mu_);
    auto& entry = entries_[user_id];
    if (!entry) entry = std::make_shared<UserEntry>(user_id);
    entry->queue_.push_back(std::move(op));
    if (!entry->busy_) {
      entry->busy_ = true;
      to_start = entry;
    }
  }
  if (to_start) start_next(std::move(to_start));
}

void UserQueues::start_next(std::shared_ptr<UserEntry> entry) {
  // Posted, never run inline: the caller may hold its own locks or be deep in a
  // completion handler of the previous operation.
  boost::asio::post(executor_, [this, entry = std::move(entry)]() mutable {
    Op op;
    {
      std::lock_guard lock(mu_);
      op = std::move(entry->queue_.front());
      entry->queue_.pop_front();
    }
    op(std::move(entry));
  });
}

void UserQueues::finish(const std::shared_ptr<UserEntry>& entry) {
  {
    std::lock_guard lock(mu_);
    if (entry->queue_.empty()) {
      entry->busy_ = false;
      drop_if_unused(entry);
      return;
    }
  }
  start_next(entry);
}

void UserQueues::attach(const std::string& user_id) {
  std::lock_guard lock(mu_);
  auto& entry = entries_[user_id];
  if (!entry) entry = std::make_shared<UserEntry>(user_id);
  ++entry->attached_;
}

void UserQueues::detach(const std::string& user_id) {
  std::lock_guard lock(mu_);
  const auto it = entries_.find(user_id);
  if (it == entries_.end()) return;
  if (it->second->attached_ > 0) --it->second->attached_;
  drop_if_unused(it->second);
}

void UserQueues::drop_if_unused(const std::shared_ptr<UserEntry>& entry) {
  if (entry->busy_ || entry->attached_ > 0) return;
  const auto it = entries_.find(entry->user_id);
  if (it != entries_.end() && it->second == entry) entries_.erase(it);
}

std::size_t UserQueues::cached_users() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace backcoach::service
