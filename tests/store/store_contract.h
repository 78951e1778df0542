#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "store/store.h"

// The behaviour every Store must show, as a value-parameterised suite. A backend
// runs it by instantiating StoreContract with factories of its own:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(...));
namespace backcoach::store::testing {

// 2024-05-01T12:00:00Z, the injected "now" of the contract's cases.
inline constexpr std::int64_t kNowMs = 1714564800000;

struct StoreHooks {
  std::function<void(std::size_t)> on_batch_committed;  // may be empty
};

// Stands for one fresh, empty database for the length of one test.
class StoreFactory {
 public:
  virtual ~StoreFactory() = default;
  // A store over this factory's database; every call opens the same database.
  virtual std::unique_ptr<Store> open(const StoreHooks& hooks) = 0;
  // True when a store opened after an earlier one was closed sees its data.
  virtual bool persistent() const = 0;
};

struct StoreBackend {
  std::string name;  // a test-name suffix: letters and digits only
  std::function<std::unique_ptr<StoreFactory>()> make_factory;
};

class StoreContract : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Closes the current store (when open) and opens the database again.
  void reopen(const StoreHooks& hooks = {});
  // Appends and waits for the commit; the error the CommitHandler got.
  boost::system::error_code commit(TurnRecord turn);
  std::string new_user();

  // A turn with two bot messages, a state {"turn": n} and the given client id.
  static TurnRecord make_turn(const std::string& user, std::int64_t n, std::string text,
                              std::string client_msg_id = {});

  std::unique_ptr<StoreFactory> factory_;
  std::unique_ptr<Store> store_;
};

// The Identities interface's own suite (identities_contract.cpp), on the same backends.
class IdentitiesContract : public StoreContract {};
// The Reminders interface's own suite (reminders_contract.cpp), on the same backends.
class RemindersContract : public StoreContract {};
// The Outbox interface's own suite (outbox_contract.cpp), on the same backends.
class OutboxContract : public StoreContract {};
// The LinkCodes and TelegramState suites (link_codes_contract.cpp,
// telegram_state_contract.cpp), on the same backends.
class LinkCodesContract : public StoreContract {};
class TelegramStateContract : public StoreContract {};
// The PushSubscriptions interface's own suite (push_subscriptions_contract.cpp).
class PushSubscriptionsContract : public StoreContract {};

std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info);
// Names the backend in test output instead of dumping its bytes.
void PrintTo(const StoreBackend& backend, std::ostream* os);

}  // namespace backcoach::store::testing
