#include "outbound/outbound_error.h"

#include <string>

namespace backcoach::outbound {
namespace {

// boost::system::error_category has a protected non-virtual destructor by design.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "backcoach.outbound"; }

  std::string message(int ev) const override {
    switch (static_cast<error>(ev)) {
      case error::bad_url:
        return "not an absolute http(s) URL";
      case error::insecure_url:
        return "plain http is only allowed to a loopback address";
      case error::certificate_untrusted:
        return "server certificate not trusted (no chain to a trusted CA, or expired)";
      case error::host_name_mismatch:
        return "server certificate is for another host name";
      case error::connect_timeout:
        return "connect timed out";
      case error::timeout:
        return "request timed out";
      case error::body_too_large:
        return "response body over the limit";
    }
    return "unknown outbound error";
  }
};
#pragma GCC diagnostic pop

}  // namespace

const boost::system::error_category& error_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace backcoach::outbound
