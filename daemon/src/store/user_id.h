#pragma once

#include <string>

#include "common/errc.h"

namespace backcoach::store {

// A fresh user id: 128 bits from OpenSSL's CSPRNG as 32 lowercase hex digits.
// Fails with errc::unavailable when the generator has no entropy.
// Thread-safety: may be called from any thread.
result<std::string> new_user_id();

}  // namespace backcoach::store
