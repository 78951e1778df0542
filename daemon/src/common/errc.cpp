#include "common/errc.h"

namespace backcoach {
namespace {

// boost::system::error_category has a protected non-virtual destructor by design.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "backcoach"; }
  std::string message(int ev) const override {
    switch (static_cast<errc>(ev)) {
      case errc::ok:
        return "ok";
      case errc::invalid_argument:
        return "invalid argument";
      case errc::not_found:
        return "not found";
      case errc::parse_error:
        return "parse error";
      case errc::validation_error:
        return "validation error";
      case errc::bad_utf8:
        return "invalid UTF-8";
      case errc::too_large:
        return "too large";
      case errc::duplicate:
        return "duplicate";
      case errc::storage_error:
        return "storage error";
      case errc::unavailable:
        return "unavailable";
    }
    return "unknown backcoach error";
  }
};
#pragma GCC diagnostic pop

}  // namespace

const boost::system::error_category& category() noexcept {
  static const Category kCategory;
  return kCategory;
}

}  // namespace backcoach
