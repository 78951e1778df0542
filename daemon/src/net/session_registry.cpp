#include "net/session_registry.h"

#include <utility>
#include <vector>

namespace backcoach::net {

SessionRegistry::Id SessionRegistry::add(std::weak_ptr<Session> session) {
  bool late = false;
  bool aborting = false;
  Id id = 0;
  {
    std::lock_guard lock(mu_);
    id = next_++;
    sessions_.emplace(id, session);
    late = draining_;
    aborting = aborting_;
  }
  if (auto s = late ? session.lock() : nullptr) {
    if (aborting) {
      s->abort();
    } else {
      s->shutdown();
    }
  }
  return id;
}

void SessionRegistry::remove(Id id) {
  std::function<void()> notify;
  {
    std::lock_guard lock(mu_);
    sessions_.erase(id);
    users_.erase(id);
    if (draining_ && sessions_.empty() && on_empty_) notify = std::exchange(on_empty_, nullptr);
  }
  if (notify) notify();
}

void SessionRegistry::shutdown_all(std::function<void()> on_empty) {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mu_);
    draining_ = true;
    for (auto& [id, weak] : sessions_) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    if (sessions_.empty()) {
      on_empty_ = nullptr;
    } else {
      on_empty_ = std::move(on_empty);
    }
  }
  for (auto& s : live) s->shutdown();
  if (on_empty) on_empty();  // still set only when nothing was registered
}

void SessionRegistry::abort_all() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mu_);
    draining_ = true;
    aborting_ = true;
    on_empty_ = nullptr;
    for (auto& [id, weak] : sessions_) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->abort();
}

void SessionRegistry::set_user(Id id, std::string user_id) {
  std::lock_guard lock(mu_);
  if (sessions_.count(id) != 0) users_[id] = std::move(user_id);
}

std::vector<std::shared_ptr<Session>> SessionRegistry::sessions_of(
    const std::string& user_id) const {
  std::vector<std::shared_ptr<Session>> out;
  std::lock_guard lock(mu_);
  for (const auto& [id, user] : users_) {
    if (user != user_id) continue;
    const auto it = sessions_.find(id);
    if (it == sessions_.end()) continue;
    if (auto s = it->second.lock()) out.push_back(std::move(s));
  }
  return out;
}

std::size_t SessionRegistry::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace backcoach::net
