#include "net/session_registry.h"

#include <gtest/gtest.h>

namespace backcoach::net {
namespace {

class FakeSession : public Session {
 public:
  void shutdown() override { ++shutdowns; }
  int shutdowns = 0;
};

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

}  // namespace
}  // namespace backcoach::net
