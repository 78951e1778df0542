// backcoach_floor: the floor for the daemon's load numbers. A bare Beast WebSocket
// server on one I/O thread that parses each frame and answers a fixed frame of the
// protocol's shape (see floor_session.h). Prints
// `backcoach_floor listening on http://HOST:PORT` once it accepts connections.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <string>

#include "floor_listener.h"

namespace {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"backcoach_floor: bare WebSocket server answering fixed protocol v1 frames"};
  std::string listen = "127.0.0.1:0";
  app.add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)");
  CLI11_PARSE(app, argc, argv);

  const auto colon = listen.rfind(':');
  error_code ec;
  const auto address = asio::ip::make_address(listen.substr(0, colon), ec);
  unsigned short port = 0;
  const char* port_end = listen.data() + listen.size();
  const auto parsed = colon == std::string::npos
                          ? std::from_chars_result{port_end, std::errc::invalid_argument}
                          : std::from_chars(listen.data() + colon + 1, port_end, port);
  if (ec || parsed.ec != std::errc() || parsed.ptr != port_end) {
    std::fprintf(stderr, "backcoach_floor: --listen must be IP:PORT\n");
    return 2;
  }
  raise_fd_limit();

  asio::io_context ioc{1};
  backcoach::bench::FloorListener listener(ioc, {address, port});
  listener.accept();
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](error_code, int) {
    listener.close();
    ioc.stop();
  });
  const auto bound = listener.local_endpoint();
  std::printf("backcoach_floor listening on http://%s:%u\n", bound.address().to_string().c_str(),
              static_cast<unsigned>(bound.port()));
  std::fflush(stdout);
  ioc.run();
  return 0;
}
