// The one translation unit that compiles Boost.URL (header-only with src.hpp).
#include <boost/url/src.hpp>
