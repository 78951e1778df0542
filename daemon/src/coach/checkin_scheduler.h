#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

#include "coach/checkin_plan.h"
#include "coach/checkin_sink.h"
#include "service/chat_service.h"
#include "service/event_log.h"
#include "service/rules_holder.h"
#include "store/reminders.h"

namespace backcoach::coach {

// Sends the check-ins that are due. Each pass reads the due reminders (the
// next_due_ms index), decides with plan_checkin, and for each one to send runs an
// EventInput turn through the ChatService with a ReminderClaim: the turn, its
// outbox messages and the reminder's advance commit in one transaction, so a crash
// at any moment leaves either all of them or none, and a restart sends each
// occurrence exactly once. A lost claim is answered as a resend and not delivered
// again. Only after the commit does the sink deliver it live.
//
// Passes never overlap: the next is armed when every claim of the last settled.
// The timer runs on `timers`; store reads and moves on `blocking`.
// Thread-safety: start()/stop() from any thread. Must outlive every pass it
// started: stop() it, then let the service and store finish, before destroying it.
class CheckinScheduler {
 public:
  using Clock = std::function<std::int64_t()>;  // UTC milliseconds, injected
  struct Options {
    std::chrono::milliseconds interval{1000};  // between passes
    int batch = 256;                           // reminders per pass
    QuietHours quiet;
    std::int64_t late_after_ms = 60 * 60 * 1000;
  };
  struct Pass {
    int sent = 0;       // check-ins committed and delivered
    int resent = 0;     // claims found taken (committed before): not delivered again
    int moved = 0;      // reminders moved on without a check-in
    int failed = 0;     // turns or moves that failed (retried next pass)
    bool full = false;  // the batch was full: more may be due
  };

  CheckinScheduler(boost::asio::any_io_executor timers, boost::asio::any_io_executor blocking,
                   store::Reminders& reminders, service::ChatService& chat,
                   const service::RulesHolder& rules, CheckinSink& sink, Clock clock,
                   const service::EventLog& log, Options options);

  void start();
  // No pass starts after this; one in progress finishes.
  void stop();

  // One pass now (tests; start() runs them on the timer). `done` runs once every
  // claim settled, on an unspecified thread.
  void run_once(std::function<void(Pass)> done);

 private:
  struct Round;
  void arm(std::chrono::milliseconds delay);
  void send(const std::shared_ptr<Round>& round, const store::DueReminder& due, CheckinPlan plan,
            std::int64_t now);

  boost::asio::any_io_executor blocking_;
  store::Reminders& reminders_;
  service::ChatService& chat_;
  const service::RulesHolder& rules_;
  CheckinSink& sink_;
  Clock clock_;
  const service::EventLog& log_;
  const Options options_;
  std::mutex timer_mu_;
  boost::asio::steady_timer timer_;
  std::atomic<bool> stopped_{false};
};

}  // namespace backcoach::coach
