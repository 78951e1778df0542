#include "open_store.h"

#include <ostream>

namespace backcoach::cli {

std::unique_ptr<store::SqliteStore> open_store_read_only(const std::string& db, std::ostream& err) {
  store::SqliteOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  std::string why;
  auto opened = store::SqliteStore::open(db, options, &why);
  if (!opened) {
    err << why << "\n";
    return nullptr;
  }
  return std::move(*opened);
}

}  // namespace backcoach::cli
