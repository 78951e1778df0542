#include "telegram/journal_png.h"

#include <boost/asio/post.hpp>

#include "coach/journal_chart.h"
#include "telegram/svg_png.h"

namespace backcoach::telegram {

TelegramDeliverer::ChartSource journal_charts(store::Reminders& reminders,
                                              boost::asio::any_io_executor blocking) {
  return [&reminders, blocking](const std::string& user_id,
                                std::function<void(result<std::string>)> done) {
    boost::asio::post(blocking, [&reminders, user_id, done = std::move(done)] {
      auto entries = reminders.journal(user_id, kJournalChartDays);
      if (!entries) return done(entries.error());
      const auto svg =
          coach::journal_svg(coach::last_days(*entries, kJournalChartDays), kJournalChartDays);
      if (svg.empty()) return done(errc::unavailable);
      done(svg_to_png(svg));
    });
  };
}

}  // namespace backcoach::telegram
