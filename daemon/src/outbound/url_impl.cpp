// The one translation unit of the daemon's libraries that compiles Boost.URL (header-only
// with src.hpp). tests/bench has its own; a target linking both would need only one.
#include <boost/url/src.hpp>
