// The one translation unit that compiles Boost.Asio and Boost.Beast. Every target
// that includes their headers links backcoach_beast, which sets
// BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION publicly,
// so the library's non-template code is built once here instead of in every TU.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
