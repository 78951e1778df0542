#include "floor_listener.h"

#include <memory>
#include <utility>

#include "floor_session.h"

namespace backcoach::bench {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

FloorListener::FloorListener(asio::io_context& ioc, const tcp::endpoint& endpoint)
    : acceptor_(ioc) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

void FloorListener::accept() {
  acceptor_.async_accept([this](error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<FloorSession>(std::move(socket))->start();
    }
    accept();
  });
}

void FloorListener::close() {
  error_code ignored;
  acceptor_.close(ignored);
}

}  // namespace backcoach::bench
