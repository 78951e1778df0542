// backcoachd: the chat daemon. Everything lives in backcoach_app (daemon/src/app).
#include <iostream>

#include "app/config.h"
#include "app/daemon.h"

int main(int argc, char** argv) {
  auto parsed = backcoach::app::parse_config(argc, argv, std::cout, std::cerr);
  if (!parsed.config) return parsed.exit_code;
  backcoach::app::Daemon daemon(std::move(*parsed.config));
  return daemon.run(std::cout);
}
