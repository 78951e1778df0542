#pragma once

#include <boost/system/result.hpp>

#include "common/errc.h"

namespace backcoach::store {

// An error for any result<T>. Needed where T itself could be built from an
// error code (bool, nlohmann::json), which makes the plain conversion ambiguous:
//   return fail(errc::not_found);
struct Failure {
  boost::system::error_code ec;

  template <class T>
  operator result<T>() const {  // NOLINT(google-explicit-constructor): the point of it
    return result<T>(boost::system::in_place_error, ec);
  }
};

inline Failure fail(boost::system::error_code ec) { return {ec}; }
inline Failure fail(errc e) { return {make_error_code(e)}; }

}  // namespace backcoach::store
