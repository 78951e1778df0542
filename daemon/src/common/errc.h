#pragma once

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <string>
#include <system_error>

namespace backcoach {

// The daemon's own error conditions. Loaders, the engine and the store return
// boost::system::result<T> carrying one of these (or a system error), never throw.
enum class errc {
  ok = 0,
  invalid_argument = 1,  // a caller passed something malformed
  not_found,             // the user, turn or file does not exist
  parse_error,           // a YAML/JSON document could not be parsed
  validation_error,      // a rule or intent file parsed but is not consistent
  bad_utf8,              // text is not valid UTF-8
  too_large,             // input over a configured limit
  duplicate,             // a unique key (a client message id) was seen before
  storage_error,         // the database refused or failed
  unavailable,           // shutting down, not ready
};

const boost::system::error_category& category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), category()};
}

template <class T>
using result = boost::system::result<T>;

}  // namespace backcoach

namespace boost::system {
template <>
struct is_error_code_enum<backcoach::errc> : std::true_type {};
}  // namespace boost::system
