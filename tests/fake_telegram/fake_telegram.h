#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>

namespace backcoach::testing {

// fake_telegram.py as a child of a test, with a fresh test PKI in a temp folder that goes
// away with it. The control calls are README.md's interface, blocking, over plain HTTP.
// Thread: one owner thread calls every method; the fake itself serves any thread.
class FakeTelegram {
 public:
  explicit FakeTelegram(std::string token = "123:test-token");
  ~FakeTelegram();  // closes the fake's stdin (it exits), then reaps it and the folder
  FakeTelegram(const FakeTelegram&) = delete;
  FakeTelegram& operator=(const FakeTelegram&) = delete;

  // Starts it; false (with nothing running) when it did not report its ports in 20 s.
  bool start();

  // One fake for the whole test program, started on first use and stopped at exit; reset it
  // (post("/reset", {})) before each test. running() tells whether it started.
  static FakeTelegram& shared();
  bool running() const { return api_port_ != 0; }

  const std::string& token() const { return token_; }
  std::string api_base() const;  // https://127.0.0.1:PORT
  std::string ca_file() const;   // the test CA that signed the fake's good certificate
  std::string pki_dir() const { return dir_; }
  unsigned short api_port() const { return api_port_; }
  unsigned short control_port() const { return control_port_; }

  // POST `path` with `body` to the control port; the answer's JSON (null on failure).
  nlohmann::json post(const std::string& path, const nlohmann::json& body) const;
  // GET `target` (path and query) from the control port.
  nlohmann::json get(const std::string& target) const;

  // Shorthands for README.md's calls.
  nlohmann::json queue_updates(const nlohmann::json& updates) const;
  nlohmann::json calls(const std::string& method = "", int at_least = 0,
                       double wait_seconds = 0) const;
  void use_certificate(const std::string& which) const;  // good | other_ca | wrong_host

 private:
  std::string token_;
  std::string dir_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  unsigned short api_port_ = 0;
  unsigned short control_port_ = 0;
};

}  // namespace backcoach::testing
