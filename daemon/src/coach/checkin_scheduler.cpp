#include "coach/checkin_scheduler.h"

#include <boost/asio/post.hpp>

namespace backcoach::coach {

// The claims of one pass; `done` runs when the last one settles.
struct CheckinScheduler::Round {
  std::mutex mu;
  Pass pass;
  int open = 0;
  std::function<void(Pass)> done;

  void settle(int Pass::*counter) {
    std::function<void(Pass)> finish;
    Pass result;
    {
      std::lock_guard lock(mu);
      ++(pass.*counter);
      if (--open > 0) return;
      finish = std::move(done);
      result = pass;
    }
    if (finish) finish(result);
  }
};

CheckinScheduler::CheckinScheduler(boost::asio::any_io_executor timers,
                                   boost::asio::any_io_executor blocking,
                                   store::Reminders& reminders, service::ChatService& chat,
                                   const service::RulesHolder& rules, CheckinSink& sink,
                                   Clock clock, const service::EventLog& log, Options options)
    : blocking_(std::move(blocking)),
      reminders_(reminders),
      chat_(chat),
      rules_(rules),
      sink_(sink),
      clock_(std::move(clock)),
      log_(log),
      options_(std::move(options)),
      timer_(std::move(timers)) {}

void CheckinScheduler::start() { arm(std::chrono::milliseconds{0}); }

void CheckinScheduler::stop() {
  stopped_ = true;
  std::lock_guard lock(timer_mu_);
  timer_.cancel();
}

void CheckinScheduler::arm(std::chrono::milliseconds delay) {
  std::lock_guard lock(timer_mu_);
  if (stopped_) return;
  timer_.expires_after(delay);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    run_once([this](Pass pass) {
      if (pass.sent + pass.moved + pass.failed > 0) {
        log_.info("checkins", {{"sent", pass.sent},
                               {"moved", pass.moved},
                               {"resent", pass.resent},
                               {"failed", pass.failed}});
      }
      arm(pass.full ? std::chrono::milliseconds{0} : options_.interval);
    });
  });
}

void CheckinScheduler::run_once(std::function<void(Pass)> done) {
  boost::asio::post(blocking_, [this, done = std::move(done)]() mutable {
    const auto now = clock_();
    auto due = reminders_.due_reminders(now, options_.batch);
    if (due.has_error()) {
      log_.error("checkins_failed", {{"error", due.error().message()}});
      return done(Pass{0, 0, 0, 1, false});
    }
    if (due->empty()) return done(Pass{});
    CheckinPolicy policy{options_.quiet, options_.late_after_ms, 3};
    if (const auto rules = rules_.get()) policy.follow_up_days = rules->follow_up_days();
    auto round = std::make_shared<Round>();
    round->open = static_cast<int>(due->size());
    round->pass.full = static_cast<int>(due->size()) >= options_.batch;
    round->done = std::move(done);
    for (const auto& d : *due) {
      auto plan = plan_checkin(d, now, policy);
      if (!plan.event.empty()) {
        send(round, d, std::move(plan), now);
        continue;
      }
      auto moved = reminders_.move_reminder(plan.claim, now);
      round->settle(moved.has_value() ? &Pass::moved : &Pass::failed);
    }
  });
}

// The message id is the occurrence: a claim retried after a crash or by a second
// daemon is the same turn, answered as a resend. A person nobody may tell (the sink's
// not_found: a reminder set on a channel that delivers later, none of which can reach
// them now) gets no turn: the occurrence is moved on as one skipped.
void CheckinScheduler::send(const std::shared_ptr<Round>& round, const store::DueReminder& due,
                            CheckinPlan plan, std::int64_t now) {
  const auto& r = due.reminder;
  auto presenter = sink_.presenter(r.user_id, r.channel, plan.event);
  if (!presenter) {
    if (presenter.error() != errc::not_found) return round->settle(&Pass::failed);
    plan.claim.sent = false;
    auto moved = reminders_.move_reminder(plan.claim, now);
    return round->settle(moved.has_value() ? &Pass::moved : &Pass::failed);
  }
  service::TurnRequest turn{r.user_id,
                            "checkin",
                            service::EventInput{std::move(plan.event), plan.day},
                            std::to_string(r.next_due_ms),
                            std::move(*presenter),
                            r.tz,
                            std::move(plan.claim)};
  chat_.say(std::move(turn), [this, round, user = r.user_id, channel = r.channel](
                                 service::ServiceResult<service::TurnReply> reply) {
    if (reply.has_error()) return round->settle(&Pass::failed);
    if (reply->duplicate) return round->settle(&Pass::resent);
    sink_.committed(user, channel, *reply);
    round->settle(&Pass::sent);
  });
}

}  // namespace backcoach::coach
