#include "net/session_registry.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace backcoach::net {
namespace {

class FakeSession : public Session {
 public:
  void shutdown() override { ++shutdowns; }
  void abort() override { ++aborts; }
  void push(const std::string& user, std::shared_ptr<const std::string> frame) override {
    pushed.push_back(user + ":" + *frame);
  }
  int shutdowns = 0;
  int aborts = 0;
  std::vector<std::string> pushed;
};

// A check-in reaches the person's sessions, and only while they are open.
TEST(SessionRegistry, APersonsSessionsAreFoundForAPush) {
  SessionRegistry registry;
  auto a = std::make_shared<FakeSession>(), b = std::make_shared<FakeSession>();
  auto other = std::make_shared<FakeSession>(), anonymous = std::make_shared<FakeSession>();
  const auto ida = registry.add(a), idb = registry.add(b), ido = registry.add(other);
  registry.add(anonymous);
  registry.set_user(ida, "u1");
  registry.set_user(idb, "u1");
  registry.set_user(ido, "u2");
  EXPECT_EQ(registry.sessions_of("u1").size(), 2u);
  EXPECT_EQ(registry.sessions_of("u2").size(), 1u);
  EXPECT_TRUE(registry.sessions_of("u3").empty());
  registry.set_user(idb, "u2");  // a second hello switched that tab to another person
  EXPECT_EQ(registry.sessions_of("u1").size(), 1u);
  registry.remove(ida);
  EXPECT_TRUE(registry.sessions_of("u1").empty());
  registry.set_user(ida, "u1");  // a session already gone is not brought back
  EXPECT_TRUE(registry.sessions_of("u1").empty());
}

TEST(SessionRegistry, ShutdownReachesEverySessionAndReportsEmpty) {
  SessionRegistry registry;
  auto a = std::make_shared<FakeSession>();
  auto b = std::make_shared<FakeSession>();
  const auto ida = registry.add(a);
  const auto idb = registry.add(b);
  int drained = 0;
  registry.shutdown_all([&] { ++drained; });
  EXPECT_EQ(a->shutdowns, 1);
  EXPECT_EQ(b->shutdowns, 1);
  registry.remove(ida);
  EXPECT_EQ(drained, 0);
  registry.remove(idb);
  EXPECT_EQ(drained, 1);
  EXPECT_EQ(registry.size(), 0u);
}

TEST(SessionRegistry, EmptyRegistryDrainsAtOnceAndLateSessionsAreShutDown) {
  SessionRegistry registry;
  int drained = 0;
  registry.shutdown_all([&] { ++drained; });
  EXPECT_EQ(drained, 1);
  auto late = std::make_shared<FakeSession>();
  registry.add(late);
  EXPECT_EQ(late->shutdowns, 1);
}

// The daemon's stop after a drain timeout or a second signal: sessions still open are
// aborted, and their ending later (perhaps while the io_context is destroyed) must not
// run the drain's callback, whose owner is being torn down.
TEST(SessionRegistry, AbortReachesEverySessionAndDropsTheDrainCallback) {
  SessionRegistry registry;
  auto a = std::make_shared<FakeSession>();
  const auto id = registry.add(a);
  int drained = 0;
  registry.shutdown_all([&] { ++drained; });
  registry.abort_all();
  EXPECT_EQ(a->aborts, 1);
  registry.remove(id);
  EXPECT_EQ(drained, 0);
  auto late = std::make_shared<FakeSession>();
  registry.add(late);
  EXPECT_EQ(late->aborts, 1);
  EXPECT_EQ(late->shutdowns, 0);
}

}  // namespace
}  // namespace backcoach::net
