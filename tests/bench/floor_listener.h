#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace backcoach::bench {

// Accepts connections for the floor server and hands each socket to a new
// FloorSession. Binding errors throw from the constructor (start-up only).
// Thread: the io_context's thread; close() must run there too.
class FloorListener {
 public:
  FloorListener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint);

  boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
  void accept();
  void close();

 private:
  boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace backcoach::bench
