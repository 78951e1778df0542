#pragma once

#include <boost/system/error_code.hpp>

namespace backcoach::outbound {

// Why an outbound request failed before a usable HTTP answer came back. Socket errors
// (connection refused, reset) arrive as the system's own codes instead.
enum class error {
  bad_url = 1,            // not an absolute http(s) URL with a host
  insecure_url,           // http:// to a host that is not a loopback address
  certificate_untrusted,  // the server's chain does not lead to a trusted CA (or is expired)
  host_name_mismatch,     // the certificate is valid but names another host
  connect_timeout,        // no TCP + TLS connection within the connect timeout
  timeout,                // no complete answer within the total timeout
  body_too_large,         // the answer's body is over the configured limit
};

const boost::system::error_category& error_category() noexcept;

inline boost::system::error_code make_error_code(error e) noexcept {
  return {static_cast<int>(e), error_category()};
}

}  // namespace backcoach::outbound

namespace boost::system {
template <>
struct is_error_code_enum<backcoach::outbound::error> : std::true_type {};
}  // namespace boost::system
