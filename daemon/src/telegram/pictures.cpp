#include "telegram/pictures.h"

#include <boost/asio/post.hpp>

#include "common/sha256.h"
#include "telegram/exercise_png.h"

namespace backcoach::telegram {

result<std::unique_ptr<Pictures>> Pictures::load(const std::string& dir,
                                                 const std::vector<std::string>& ids,
                                                 std::string bot_id, Deps deps) {
  std::unique_ptr<Pictures> p(new Pictures(std::move(bot_id), std::move(deps)));
  for (const auto& id : ids) {
    auto bytes = load_exercise_png(dir, id);
    if (!bytes) {
      p->missing_.push_back(id);
      continue;
    }
    Picture picture{id + ".png", std::move(*bytes), {}};
    picture.sha256 = sha256_hex(picture.bytes);
    p->pictures_.emplace(id, std::move(picture));
  }
  for (const auto& [id, picture] : p->pictures_) {
    auto kept = p->deps_.state.photo_file_id(p->key(id));
    if (!kept) return kept.error();
    if (*kept) p->file_ids_[id] = **kept;
  }
  return p;
}

store::PhotoKey Pictures::key(const std::string& id) const {
  const auto it = pictures_.find(id);
  return {bot_id_, id, it == pictures_.end() ? std::string() : it->second.sha256};
}

const Pictures::Picture* Pictures::find(const std::string& id) const {
  const auto it = pictures_.find(id);
  return it == pictures_.end() ? nullptr : &it->second;
}

std::optional<std::string> Pictures::file_id(const std::string& id) const {
  std::lock_guard lock(mu_);
  const auto it = file_ids_.find(id);
  if (it == file_ids_.end()) return std::nullopt;
  return it->second;
}

void Pictures::remember(const std::string& id, const std::string& file_id) {
  if (find(id) == nullptr || file_id.empty()) return;
  {
    std::lock_guard lock(mu_);
    file_ids_[id] = file_id;
  }
  boost::asio::post(deps_.blocking, [this, key = key(id), file_id] {
    auto saved = deps_.state.save_photo_file_id(key, file_id, deps_.clock());
    // Not fatal: the picture is uploaded once more after a restart.
    if (!saved) deps_.log.warn("telegram_photo_unsaved", {{"error", saved.error().message()}});
  });
}

void Pictures::forget(const std::string& id) {
  {
    std::lock_guard lock(mu_);
    if (file_ids_.erase(id) == 0) return;
  }
  boost::asio::post(deps_.blocking, [this, key = key(id)] {
    auto forgotten = deps_.state.forget_photo_file_id(key);
    if (!forgotten)
      deps_.log.warn("telegram_photo_unsaved", {{"error", forgotten.error().message()}});
  });
}

}  // namespace backcoach::telegram
