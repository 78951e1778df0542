#pragma once

#include <string>
#include <vector>

#include "store/reminders.h"

namespace backcoach::coach {

// The pain journal as an accessible SVG chart (GET /v1/me/journal.svg, docs/coaching.md):
// role="img" named by its <title> and <desc>; the <desc> reads every day's score, so a
// screen reader gets the data, not only "a chart"; each point has its own <title>.
// Pain 0-10 up the side, the days along the bottom (a day without a score is a gap),
// both axes labelled. Written with XmlWriter, so every text is escaped.
//
// `entries` oldest first (store::Reminders::journal); only the last `days` days up to
// the newest entry are drawn. An empty journal is an empty chart that says so.
std::string journal_svg(const std::vector<store::JournalEntry>& entries, int days);

// The entries of the last `days` days up to the newest (the chart's and the table's).
std::vector<store::JournalEntry> last_days(const std::vector<store::JournalEntry>& entries,
                                           int days);

}  // namespace backcoach::coach
