#include "dialogue/lazy_regex.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace backcoach::dialogue {
namespace {

RE2::Options quiet() {
  RE2::Options o;
  o.set_log_errors(false);
  return o;
}

TEST(LazyRegex, MatchesLikeTheRegexItStandsFor) {
  const LazyRegex re("\\bpins (?:and|n) needles\\b", quiet());
  EXPECT_TRUE(RE2::PartialMatch("i have pins n needles", re.get()));
  EXPECT_FALSE(RE2::PartialMatch("needles and pins", re.get()));
  EXPECT_EQ(re.source(), "\\bpins (?:and|n) needles\\b");
}

TEST(LazyRegex, APatternThatDoesNotCompileSaysWhyWhenUsed) {
  const LazyRegex re("(unclosed", quiet());
  EXPECT_FALSE(re.get().ok());
  EXPECT_FALSE(re.get().error().empty());
}

// The rule set is shared by every I/O thread: the first uses race to compile it, and
// all of them must get the one regex, compiled once.
TEST(LazyRegex, ThreadsUsingItAtOnceShareOneCompiledRegex) {
  const LazyRegex re("\\b(\\d+) years? old\\b", quiet());
  std::vector<const RE2*> seen(8, nullptr);
  std::vector<int> ages(8, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      seen[t] = &re.get();
      RE2::PartialMatch("i am " + std::to_string(40 + t) + " years old", re.get(), &ages[t]);
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < seen.size(); ++t) {
    EXPECT_EQ(seen[t], seen[0]);
    EXPECT_EQ(ages[t], static_cast<int>(40 + t));
  }
}

}  // namespace
}  // namespace backcoach::dialogue
