#pragma once

#include <string>
#include <string_view>

#include "common/errc.h"

namespace backcoach::outbound {

// Where one request goes, read from its URL.
struct Target {
  bool tls = true;
  std::string host;            // no brackets around an IPv6 address; used for SNI and checks
  std::string port;            // "443" / "80" when the URL names none
  std::string host_header;     // host[:port] as the URL spells it
  std::string path_and_query;  // "/" when the URL has no path
};

// Reads an absolute URL. https:// goes anywhere; http:// only to a loopback IP literal
// (127.0.0.0/8 or ::1) — tests and a local proxy — since anything else would send the
// request and its secrets (a bot token is part of Telegram's URL) in the clear.
// "localhost" is not taken for http: a name can resolve anywhere. Errors:
// outbound::error::bad_url (no scheme/host, other scheme, user info), error::insecure_url.
boost::system::result<Target> parse_target(std::string_view url);

}  // namespace backcoach::outbound
