#include "service/conversation_service.h"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "dialogue/engine.h"
#include "service/reply_json.h"
#include "service/turn_records.h"

namespace backcoach::service {

using Steady = std::chrono::steady_clock;

namespace {

// Explicit, because a TurnReply or json could also be built from the enum.
struct Failed {
  ServiceError error;
  template <class T>
  operator ServiceResult<T>() const {  // NOLINT: implicit by design
    return ServiceResult<T>(boost::system::in_place_error, error);
  }
};
Failed failed(ServiceError e) { return {e}; }

// A quick reply is its label read as text: the rules match the words, whichever
// way they arrived. A channel that gives no zone (Telegram, bots) has the engine ask.
dialogue::Input engine_input(const TurnRequest& turn) {
  const auto& input = turn.input;
  if (const auto* event = std::get_if<EventInput>(&input)) {
    return dialogue::Input::event_input(event->event, event->day);
  }
  const bool zone_known = !turn.time_zone.empty();
  if (const auto* choice = std::get_if<ChoiceInput>(&input)) {
    return dialogue::Input::text_input(choice->choice, zone_known);
  }
  return dialogue::Input::text_input(std::get<TextInput>(input).text, zone_known);
}

// What the transcript keeps of the person's side ("" for an event).
std::string input_text(const TurnInput& input) {
  if (const auto* choice = std::get_if<ChoiceInput>(&input)) return choice->choice;
  if (const auto* text = std::get_if<TextInput>(&input)) return text->text;
  return {};
}

template <class T>
ServiceResult<T> succeeded(T value) {
  return ServiceResult<T>(boost::system::in_place_value, std::move(value));
}

}  // namespace

// What a blocking read found for a user whose entry was not loaded yet.
struct ConversationService::Loaded {
  std::optional<ServiceError> error;
  bool exists = false;
  store::Conversation conversation;
  nlohmann::json history = nlohmann::json::array();
};

ConversationService::ConversationService(boost::asio::any_io_executor cpu,
                                         boost::asio::any_io_executor blocking,
                                         store::ConversationLog& conversations,
                                         store::Identities& identities, const RulesHolder& rules,
                                         const TokenSigner& signer, DaemonMetrics& metrics,
                                         const EventLog& log, Clock clock, Options options)
    : cpu_(std::move(cpu)),
      blocking_(std::move(blocking)),
      conversations_(conversations),
      identities_(identities),
      rules_(rules),
      signer_(signer),
      metrics_(metrics),
      log_(log),
      clock_(std::move(clock)),
      options_(std::move(options)),
      queues_(cpu_) {}

template <class F>
void ConversationService::on_blocking(F&& f) {
  boost::asio::post(blocking_, std::forward<F>(f));
}

template <class F>
void ConversationService::on_cpu(F&& f) {
  boost::asio::post(cpu_, std::forward<F>(f));
}

ServiceError ConversationService::storage_failure(boost::system::error_code ec,
                                                  const char* what) const {
  if (ec == errc::unavailable) return ServiceError::not_ready;
  log_.error("store_failed", {{"operation", what}, {"error", ec.message()}});
  return ServiceError::internal;
}

// ---- hello ---------------------------------------------------------------

void ConversationService::hello(std::optional<std::string> token, HelloHandler done) {
  if (!token) {
    new_user(std::move(done));
    return;
  }
  auto user_id = signer_.verify(*token);
  if (!user_id) {
    done(failed(ServiceError::bad_token));
    return;
  }
  queues_.run(*user_id, [this, done = std::move(done)](EntryPtr entry) mutable {
    resume(entry, std::move(done));
  });
}

void ConversationService::new_user(HelloHandler done) {
  on_blocking([this, done = std::move(done)]() mutable {
    auto created = conversations_.create_user(clock_());
    if (created.has_error()) {
      done(failed(storage_failure(created.error(), "create_user")));
      return;
    }
    metrics_.users_created().inc();
    queues_.run(*created, [this, done = std::move(done)](EntryPtr entry) mutable {
      entry->loaded = true;
      entry->state = dialogue::Engine(rules_.get()).initial_state();
      open_conversation(entry, false, std::move(done));
    });
  });
}

void ConversationService::load(const EntryPtr& entry, bool with_history, LoadHandler then) {
  on_blocking([this, entry, with_history, then = std::move(then)]() mutable {
    Loaded loaded;
    loaded.exists = true;
    if (!entry->loaded) {
      auto exists = conversations_.user_exists(entry->user_id);
      if (exists.has_error()) {
        loaded.error = storage_failure(exists.error(), "user_exists");
      } else if (!*exists) {
        loaded.exists = false;  // erased, or never created here: the token is void
      } else {
        auto conversation = conversations_.load_conversation(entry->user_id);
        if (conversation.has_error()) {
          loaded.error = storage_failure(conversation.error(), "load_conversation");
        } else {
          loaded.conversation = std::move(*conversation);
        }
      }
    }
    if (!loaded.error && loaded.exists && with_history) {
      auto history = conversations_.recent_messages(entry->user_id, options_.history_limit);
      if (history.has_error()) {
        loaded.error = storage_failure(history.error(), "recent_messages");
      } else {
        loaded.history = history_from(*history);
      }
    }
    on_cpu([this, entry, loaded = std::move(loaded), then = std::move(then)]() mutable {
      on_loaded(entry, std::move(loaded), std::move(then));
    });
  });
}

void ConversationService::on_loaded(const EntryPtr& entry, Loaded loaded, LoadHandler then) {
  if (loaded.error || !loaded.exists) {
    then(loaded.error.value_or(ServiceError::bad_token), {});
    return;
  }
  if (!entry->loaded) {
    entry->state = dialogue::Engine(rules_.get()).initial_state();
    entry->turns = loaded.conversation.turns;
    if (loaded.conversation.turns > 0 && !loaded.conversation.state.is_null()) {
      auto state = dialogue::state_from_json(loaded.conversation.state);
      if (state.has_error()) {
        log_.error("state_unreadable", {{"user", entry->user_id}});
        then(ServiceError::internal, {});
        return;
      }
      entry->state = std::move(*state);
    }
    entry->recent.clear();
    entry->loaded = true;
  }
  then(std::nullopt, std::move(loaded.history));
}

void ConversationService::resume(const EntryPtr& entry, HelloHandler done) {
  load(entry, true,
       [this, entry, done = std::move(done)](std::optional<ServiceError> error,
                                             nlohmann::json history) mutable {
         if (error) {
           done(failed(*error));
           queues_.finish(entry);
           return;
         }
         if (entry->turns == 0) {
           open_conversation(entry, false, std::move(done));
           return;
         }
         Welcome welcome;
         welcome.user_id = entry->user_id;
         welcome.token = signer_.sign(entry->user_id);
         welcome.resumed = true;
         welcome.tier = dialogue::tier_json(entry->state);
         if (welcome.tier.is_string()) {
           welcome.banner = rules_.get()->tier_banner(welcome.tier.get<std::string>());
         }
         welcome.history = std::move(history);
         done(std::move(welcome));
         queues_.finish(entry);
       });
}

// The opening replies are committed as turn 1 (no user text, no message id) so
// that a reload shows them in the history and a restart does not repeat them.
void ConversationService::open_conversation(const EntryPtr& entry, bool resumed,
                                            HelloHandler done) {
  const auto rules = rules_.get();
  const dialogue::Engine engine(rules);
  auto step = engine.start(entry->state);
  TurnReply reply = reply_from_step(step, *rules);
  auto record = record_from_step(step, reply, entry->user_id, {}, entry->turns + 1,
                                 options_.hello_channel, {}, clock_());
  conversations_.append_turn(
      std::move(record),
      [this, entry, resumed, state = std::move(step.state), reply = std::move(reply),
       done = std::move(done)](boost::system::error_code ec) {
        on_cpu([this, entry, resumed, state, reply, done, ec] {
          if (ec) {
            done(failed(storage_failure(ec, "append_opening")));
            queues_.finish(entry);
            return;
          }
          entry->state = state;
          ++entry->turns;
          Welcome welcome;
          welcome.user_id = entry->user_id;
          welcome.token = signer_.sign(entry->user_id);
          welcome.resumed = resumed;
          welcome.tier = tier_to_json(reply.tier);
          welcome.banner = reply.banner;
          welcome.history = bot_history(reply.messages);
          done(std::move(welcome));
          queues_.finish(entry);
        });
      });
}

// ---- say -----------------------------------------------------------------

void ConversationService::say(TurnRequest turn, SayHandler done) {
  const auto started = Steady::now();
  auto user_id = turn.user_id;
  queues_.run(user_id, [this, turn = std::move(turn), started,
                        done = std::move(done)](EntryPtr entry) mutable {
    if (entry->loaded) {
      run_turn(entry, std::move(turn), started, std::move(done));
      return;
    }
    // First operation for this user since it was cached: load it, then turn.
    load(entry, false,
         [this, entry, turn = std::move(turn), started, done = std::move(done)](
             std::optional<ServiceError> error, nlohmann::json) mutable {
           if (error) {
             done(failed(*error));
             queues_.finish(entry);
             return;
           }
           run_turn(entry, std::move(turn), started, std::move(done));
         });
  });
}

void ConversationService::remember(UserEntry& entry, const std::string& msg_id,
                                   const TurnReply& reply) {
  if (msg_id.empty()) return;
  entry.recent.emplace_back(msg_id, reply);
  while (entry.recent.size() > options_.recent_ids) entry.recent.pop_front();
}

void ConversationService::count_turn(const char* outcome, Steady::time_point started) {
  metrics_.turns(outcome).inc();
  const std::chrono::duration<double> took = Steady::now() - started;
  metrics_.turn_duration().observe(took.count());
}

// A person who arrived without a hello (a bot's user) is greeted in their first
// turn: the opening replies come first, and the turn is stored as one.
dialogue::StepResult ConversationService::first_step(const dialogue::Engine& engine,
                                                     const UserEntry& entry,
                                                     const dialogue::Input& input) const {
  if (entry.turns > 0) return engine.step(entry.state, input);
  auto opening = engine.start(entry.state);
  auto step = engine.step(opening.state, input);
  step.replies.insert(step.replies.begin(), opening.replies.begin(), opening.replies.end());
  return step;
}

void ConversationService::run_turn(const EntryPtr& entry, TurnRequest turn,
                                   Steady::time_point started, SayHandler done) {
  // Message ids are the channel's: two channels of one person may both send "1".
  std::string msg_id = turn.message_id.empty() || turn.channel == options_.hello_channel
                           ? std::move(turn.message_id)
                           : turn.channel + ":" + turn.message_id;
  const auto seen = std::find_if(entry->recent.begin(), entry->recent.end(),
                                 [&](const auto& r) { return r.first == msg_id; });
  if (seen != entry->recent.end() && !msg_id.empty()) {
    TurnReply reply = seen->second;
    reply.duplicate = true;
    count_turn("duplicate", started);
    done(std::move(reply));
    queues_.finish(entry);
    return;
  }
  const auto rules = rules_.get();
  const dialogue::Engine engine(rules);
  auto step = first_step(engine, *entry, engine_input(turn));
  for (const auto& action : step.actions) {
    const auto* error = std::get_if<dialogue::ReaderError>(&action);
    if (error == nullptr) continue;
    // The reader could not finish (RE2 out of memory): loud, never a silent "no match".
    metrics_.reader_failures().inc();
    log_.error("reader_failed", {{"user", entry->user_id}, {"why", error->why}});
  }
  TurnReply reply = reply_from_step(step, *rules);
  const auto new_flags = step.new_flags.size();
  auto record = record_from_step(step, reply, entry->user_id, msg_id, entry->turns + 1,
                                 turn.channel, input_text(turn.input), clock_());
  // What the channel is owed commits with the turn: never lost, never sent before it.
  if (turn.outbound) record.outgoing = turn.outbound(reply);
  record.coaching.claim = std::move(turn.claim);
  if (options_.coaching) options_.coaching(turn, step, record);
  conversations_.append_turn(
      std::move(record),
      [this, entry, msg_id = std::move(msg_id), started, new_flags, state = std::move(step.state),
       reply = std::move(reply), done = std::move(done)](boost::system::error_code ec) {
        on_cpu([this, entry, msg_id, started, new_flags, state, reply, done, ec]() mutable {
          if (ec == errc::duplicate) {
            // Committed earlier than this process remembers: answer with what was stored.
            answer_duplicate(entry, msg_id, started, std::move(done));
            return;
          }
          if (ec) {
            count_turn("failed", started);
            done(failed(storage_failure(ec, "append_turn")));
            queues_.finish(entry);
            return;
          }
          entry->state = std::move(state);
          ++entry->turns;
          remember(*entry, msg_id, reply);
          if (new_flags > 0) {
            const std::string tier = reply.tier.value_or("none");
            metrics_.red_flags(tier).inc(new_flags);
          }
          count_turn("committed", started);
          done(std::move(reply));
          queues_.finish(entry);
        });
      });
}

void ConversationService::answer_duplicate(const EntryPtr& entry, const std::string& msg_id,
                                           Steady::time_point started, SayHandler done) {
  on_blocking([this, entry, msg_id, started, done = std::move(done)]() mutable {
    auto found = conversations_.find_turn(entry->user_id, msg_id);
    on_cpu(
        [this, entry, msg_id, started, found = std::move(found), done = std::move(done)]() mutable {
          if (found.has_error() || !*found) {
            count_turn("failed", started);
            done(failed(found.has_error() ? storage_failure(found.error(), "find_turn")
                                          : ServiceError::internal));
            queues_.finish(entry);
            return;
          }
          TurnReply reply = reply_from_record(**found);
          reply.banner = rules_.get()->tier_banner(reply.tier);
          remember(*entry, msg_id, reply);
          count_turn("duplicate", started);
          done(std::move(reply));
          queues_.finish(entry);
        });
  });
}

// ---- identities, export, erase, readiness ---------------------------------

void ConversationService::identify(std::string channel, std::string external_id,
                                   IdentifyHandler done) {
  on_blocking([this, identity = store::Identity{std::move(channel), std::move(external_id)},
               done = std::move(done)] {
    auto resolved = identities_.resolve_identity(identity, clock_());
    if (resolved.has_error()) {
      done(failed(storage_failure(resolved.error(), "resolve_identity")));
      return;
    }
    if (resolved->created) metrics_.users_created().inc();
    done(succeeded(std::move(resolved->user_id)));
  });
}

void ConversationService::check_ready(ReadyHandler done) {
  if (!rules_.get()) {
    done("no rule set loaded");
    return;
  }
  // writable() may touch the database: ask from the blocking pool.
  on_blocking([this, done = std::move(done)] {
    if (!conversations_.writable()) return done("database is not writable");
    done(std::nullopt);
  });
}

void ConversationService::export_user(const std::string& user_id, ExportHandler done) {
  on_blocking([this, user_id, done = std::move(done)] {
    auto exported = conversations_.export_user(user_id);
    if (exported.has_error()) {
      done(failed(exported.error() == errc::not_found
                      ? ServiceError::bad_token
                      : storage_failure(exported.error(), "export")));
      return;
    }
    done(succeeded(std::move(*exported)));
  });
}

void ConversationService::erase_user(const std::string& user_id, EraseHandler done) {
  queues_.run(user_id, [this, done = std::move(done)](EntryPtr entry) mutable {
    on_blocking([this, entry, done = std::move(done)] {
      auto erased = conversations_.erase_user(entry->user_id);
      on_cpu([this, entry, erased = std::move(erased), done] {
        // Whatever the store says, forget the cache: the next use reloads.
        entry->loaded = false;
        entry->turns = 0;
        entry->recent.clear();
        if (erased.has_error()) {
          done(failed(storage_failure(erased.error(), "erase")));
        } else {
          log_.info("user_erased", {{"existed", *erased}});
          done(succeeded(*erased));
        }
        queues_.finish(entry);
      });
    });
  });
}

}  // namespace backcoach::service
