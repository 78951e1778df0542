#pragma once

#include <future>
#include <memory>
#include <utility>

#include "store/batch_writer.h"
#include "store/fail.h"
#include "store/read_pool.h"
#include "store/sqlite_store.h"

// Internal to the store: SqliteStore's read and write paths, shared by the files that
// implement its interfaces (sqlite_store.cpp, sqlite_store_telegram.cpp).
namespace backcoach::store {

template <class F>
auto SqliteStore::read(F&& op) -> decltype(op(std::declval<Database&>())) {
  auto lease = readers_->acquire();
  if (!lease) return fail(lease.error());
  return op(lease->db());
}

template <class T>
result<T> SqliteStore::write_and_wait(std::function<result<T>(Database&)> op) {
  if (writer_ == nullptr) return errc::unavailable;
  if (writer_->on_writer_thread()) return errc::invalid_argument;  // would wait on itself
  auto outcome = std::make_shared<std::promise<result<T>>>();
  auto value = std::make_shared<result<T>>(errc::storage_error);
  auto future = outcome->get_future();
  writer_->submit(
      [op = std::move(op), value](Database& db) -> boost::system::error_code {
        *value = op(db);
        return value->has_value() ? boost::system::error_code() : value->error();
      },
      [outcome, value](boost::system::error_code ec) {
        outcome->set_value(ec ? result<T>(fail(ec)) : std::move(*value));
      });
  return future.get();
}

}  // namespace backcoach::store
