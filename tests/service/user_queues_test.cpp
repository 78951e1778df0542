#include "service/user_queues.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace backcoach::service {
namespace {

// Operations that finish later on another thread, as store commits do.
TEST(UserQueues, OneUsersOperationsRunOneAtATimeInOrder) {
  boost::asio::thread_pool pool(4);
  UserQueues queues(pool.get_executor());
  std::mutex mu;
  std::vector<int> order;
  std::atomic<int> running{0};
  std::atomic<int> overlaps{0};
  std::promise<void> all_done;
  constexpr int kOps = 50;
  for (int i = 0; i < kOps; ++i) {
    queues.run("u", [&, i](std::shared_ptr<UserEntry> entry) {
      if (running.fetch_add(1) != 0) ++overlaps;
      boost::asio::post(pool, [&, i, entry] {
        {
          std::lock_guard lock(mu);
          order.push_back(i);
          if (order.size() == kOps) all_done.set_value();
        }
        running.fetch_sub(1);
        queues.finish(entry);
      });
    });
  }
  all_done.get_future().wait();
  pool.join();
  EXPECT_EQ(overlaps.load(), 0);
  for (int i = 0; i < kOps; ++i) EXPECT_EQ(order[i], i);
}

TEST(UserQueues, DifferentUsersRunInParallel) {
  boost::asio::thread_pool pool(2);
  UserQueues queues(pool.get_executor());
  std::promise<void> a_started;
  std::promise<void> b_ran;
  queues.run("a", [&](std::shared_ptr<UserEntry> entry) {
    a_started.set_value();
    b_ran.get_future().wait();  // "a" holds its turn until "b" has run
    queues.finish(entry);
  });
  a_started.get_future().wait();
  queues.run("b", [&](std::shared_ptr<UserEntry> entry) {
    b_ran.set_value();
    queues.finish(entry);
  });
  pool.join();
  SUCCEED();
}

TEST(UserQueues, EntriesStayWhileAttachedAndGoWhenUnused) {
  boost::asio::io_context ioc;
  UserQueues queues(ioc.get_executor());
  queues.attach("u");
  std::shared_ptr<UserEntry> seen;
  queues.run("u", [&](std::shared_ptr<UserEntry> entry) {
    entry->turns = 7;
    seen = entry;
    queues.finish(entry);
  });
  ioc.run();
  EXPECT_EQ(queues.cached_users(), 1u);
  ioc.restart();
  queues.run("u", [&](std::shared_ptr<UserEntry> entry) {
    EXPECT_EQ(entry.get(), seen.get());  // the cached conversation
    EXPECT_EQ(entry->turns, 7);
    queues.finish(entry);
  });
  ioc.run();
  queues.detach("u");
  EXPECT_EQ(queues.cached_users(), 0u);
  ioc.restart();
  queues.run("v", [&](std::shared_ptr<UserEntry> entry) { queues.finish(entry); });
  ioc.run();
  EXPECT_EQ(queues.cached_users(), 0u);
}

}  // namespace
}  // namespace backcoach::service
