// Stand-in for daemon/src/net's backcoach_beast while that library does not exist:
// the one translation unit that compiles Beast and Asio (see CMakeLists.txt).
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
