#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/system/result.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "service/chat_service.h"
#include "service/daemon_metrics.h"
#include "service/event_log.h"
#include "service/rules_holder.h"
#include "service/token_signer.h"
#include "service/turn_reply.h"
#include "service/user_queues.h"
#include "store/conversation_log.h"
#include "store/identities.h"

namespace backcoach::service {

// The chat, independent of any transport: hello (who is this, what came before)
// and say (one turn: engine step, commit, reply) over the dialogue engine and the
// store. Turns of one user are serialised (UserQueues); store reads run on the
// blocking executor, never on the caller's thread; a reply is handed out only
// after the store has committed its turn.
//
// Handlers run on an unspecified thread (an executor thread or the store's writer
// thread): transports post them back to their own strand. Each is called exactly
// once. The service must outlive every operation it started (the app drains
// connections before destroying it).
class ConversationService final : public ChatService {
 public:
  // Adds what a turn means for coaching (journal answers, a reminder chosen in the
  // chat) to its record, so it commits in the turn's transaction. Runs on the cpu
  // executor between the engine step and the append: must not block.
  using CoachingHook = std::function<void(const TurnRequest& turn, const dialogue::StepResult& step,
                                          store::TurnRecord& record)>;
  struct Options {
    int history_limit = 50;            // messages of both sides in welcome.history
    std::string hello_channel = "ws";  // stored with the opening turn of a hello
    std::size_t recent_ids = 32;       // replies kept in memory per user to answer resends
    CoachingHook coaching = {};        // none: turns write nothing for coaching
  };
  // Milliseconds since the Unix epoch (UTC); injected so tests control time.
  using Clock = std::function<std::int64_t()>;

  // `cpu` runs engine steps and bookkeeping; `blocking` runs store reads.
  ConversationService(boost::asio::any_io_executor cpu, boost::asio::any_io_executor blocking,
                      store::ConversationLog& conversations, store::Identities& identities,
                      const RulesHolder& rules, const TokenSigner& signer, DaemonMetrics& metrics,
                      const EventLog& log, Clock clock, Options options);

  // Without a token: a new user and conversation (its opening replies committed and
  // returned as history). With one: the user's conversation resumes. On success the
  // caller should attach() the user for as long as its connection lasts.
  void hello(std::optional<std::string> token, HelloHandler done) override;

  // One turn for `turn.user_id`. A message id committed before for this user is
  // answered with the stored reply and is not a new turn.
  void say(TurnRequest turn, SayHandler done) override;

  void identify(std::string channel, std::string external_id, IdentifyHandler done) override;

  std::optional<std::string> authenticate(std::string_view token) const override {
    return signer_.verify(token);
  }
  void export_user(const std::string& user_id, ExportHandler done) override;
  void erase_user(const std::string& user_id, EraseHandler done) override;
  void check_ready(ReadyHandler done) override;

  void attach(const std::string& user_id) override { queues_.attach(user_id); }
  void detach(const std::string& user_id) override { queues_.detach(user_id); }
  std::size_t cached_users() const { return queues_.cached_users(); }

 private:
  using EntryPtr = std::shared_ptr<UserEntry>;
  struct Loaded;

  void new_user(HelloHandler done);
  // Called on the cpu executor with the error, or nullopt and the history (when
  // asked for) once the entry holds the user's conversation.
  using LoadHandler = std::function<void(std::optional<ServiceError>, nlohmann::json history)>;

  void load(const EntryPtr& entry, bool with_history, LoadHandler then);
  void on_loaded(const EntryPtr& entry, Loaded loaded, LoadHandler then);
  void resume(const EntryPtr& entry, HelloHandler done);
  void open_conversation(const EntryPtr& entry, bool resumed, HelloHandler done);
  void run_turn(const EntryPtr& entry, TurnRequest turn,
                std::chrono::steady_clock::time_point started, SayHandler done);
  dialogue::StepResult first_step(const dialogue::Engine& engine, const UserEntry& entry,
                                  const dialogue::Input& input) const;
  void answer_duplicate(const EntryPtr& entry, const std::string& msg_id,
                        std::chrono::steady_clock::time_point started, SayHandler done);
  void remember(UserEntry& entry, const std::string& msg_id, const TurnReply& reply);
  void count_turn(const char* outcome, std::chrono::steady_clock::time_point started);
  ServiceError storage_failure(boost::system::error_code ec, const char* what) const;

  template <class F>
  void on_blocking(F&& f);
  template <class F>
  void on_cpu(F&& f);

  boost::asio::any_io_executor cpu_;
  boost::asio::any_io_executor blocking_;
  store::ConversationLog& conversations_;
  store::Identities& identities_;
  const RulesHolder& rules_;
  const TokenSigner& signer_;
  DaemonMetrics& metrics_;
  const EventLog& log_;
  Clock clock_;
  Options options_;
  UserQueues queues_;
};

}  // namespace backcoach::service
