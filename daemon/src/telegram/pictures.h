#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/errc.h"
#include "service/event_log.h"
#include "store/telegram_state.h"

namespace backcoach::telegram {

// The exercise pictures as Telegram sees them: each PNG's bytes (read once, at start) and,
// once Telegram has one, the file_id it gave for it, so each picture is uploaded once per
// bot and sent by file_id after, also after a restart (TelegramState keeps them, keyed by
// the PNG's digest: a picture drawn anew is uploaded anew).
// Thread-safety: every method from any thread; writes to the store run on `blocking`.
class Pictures {
 public:
  struct Picture {
    std::string filename;  // "<id>.png"
    std::string bytes;
    std::string sha256;
  };
  using Clock = std::function<std::int64_t()>;  // ms since the epoch
  struct Deps {
    store::TelegramState& state;
    boost::asio::any_io_executor blocking;
    Clock clock;
    const service::EventLog& log;
  };

  // Reads <dir>/<id>.png for each exercise id and the file_ids kept for `bot_id`. An id
  // with no PNG is left out (missing() lists it); an unreadable store is an error. Reads
  // the disk and the database: call at start, off the I/O threads.
  static result<std::unique_ptr<Pictures>> load(const std::string& dir,
                                                const std::vector<std::string>& ids,
                                                std::string bot_id, Deps deps);

  const Picture* find(const std::string& id) const;  // stable while the object lives
  std::optional<std::string> file_id(const std::string& id) const;
  // Keeps Telegram's file_id for the picture (now in memory, soon in the store).
  void remember(const std::string& id, const std::string& file_id);
  // Drops a file_id Telegram refused; the next send uploads again.
  void forget(const std::string& id);
  const std::vector<std::string>& missing() const { return missing_; }

 private:
  Pictures(std::string bot_id, Deps deps) : bot_id_(std::move(bot_id)), deps_(std::move(deps)) {}
  store::PhotoKey key(const std::string& id) const;

  std::string bot_id_;
  Deps deps_;
  std::map<std::string, Picture> pictures_;  // fixed after load
  std::vector<std::string> missing_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> file_ids_;  // guarded by mu_
};

}  // namespace backcoach::telegram
