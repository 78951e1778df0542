#pragma once

#include <boost/system/error_code.hpp>
#include <string>

#include "outbox/deliverer.h"

namespace backcoach::outbox {

// The outcome of one HTTP send, the way every HTTP deliverer reads it: no answer
// (`ec` set: refused, timeout, TLS failure), 429, 408 or 5xx: retry (429/503 with a
// delta-seconds Retry-After: at least that long); 2xx: sent; any other status (3xx
// included: redirects are not followed): gone. The reason is "http <status>" or the
// error's message, never the request. Pure.
Delivery http_outcome(boost::system::error_code ec, unsigned status,
                      const std::string& retry_after);

}  // namespace backcoach::outbox
