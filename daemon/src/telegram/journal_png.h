#pragma once

#include <boost/asio/any_io_executor.hpp>

#include "store/reminders.h"
#include "telegram/telegram_deliverer.h"

namespace backcoach::telegram {

// Days the Telegram chart shows: two weeks, the trend's window (as the widget's chart).
inline constexpr int kJournalChartDays = 14;

// The deliverer's ChartSource for the pain journal: on `blocking`, the person's journal
// from `reminders`, drawn as the same SVG as GET /v1/me/journal.svg (coach/journal_chart.h)
// and rendered to PNG by librsvg (svg_png.h). A person with no entries gets the empty
// chart that says so. `reminders` must outlive every call.
TelegramDeliverer::ChartSource journal_charts(store::Reminders& reminders,
                                              boost::asio::any_io_executor blocking);

}  // namespace backcoach::telegram
