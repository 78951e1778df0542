// The one translation unit that compiles Boost.Asio's SSL support (backcoach_beast sets
// BOOST_ASIO_SEPARATE_COMPILATION, so its non-template code must be built somewhere once).
#include <boost/asio/ssl/impl/src.hpp>
