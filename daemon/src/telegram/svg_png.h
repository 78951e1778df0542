#pragma once

#include <string>
#include <string_view>

#include "common/errc.h"

namespace backcoach::telegram {

// An SVG document as PNG bytes, for Telegram's sendPhoto (it takes no SVG): drawn by
// librsvg on a cairo image surface `scale` times the document's own width and height,
// over white (Telegram shows transparency as black), and encoded by cairo's PNG writer.
// The document must say its size in pixels (width and height, as the journal chart's
// does). errc::parse_error for bytes librsvg cannot read; errc::invalid_argument for a
// document without a size or larger than 4096 pixels a side once scaled; errc::unavailable
// when cairo fails (out of memory).
// Pure (no files: an SVG read from memory has no base to load anything from); thread-safe.
// Takes milliseconds: call off the I/O threads.
result<std::string> svg_to_png(std::string_view svg, double scale = 2.0);

}  // namespace backcoach::telegram
