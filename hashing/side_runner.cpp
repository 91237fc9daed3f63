#include "hashing/side_runner.hpp"

#include "core/error.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <exception>
#include <thread>

namespace pgparity::hashing::detail {

namespace {

// Tables a worker reads in one transaction before it starts another on the same snapshot.
constexpr std::size_t k_tasks_per_transaction = 64;

std::optional<std::string>
run_with_retries(core::SnapshotPool &pool, std::size_t slot, std::size_t index, int retries,
                 const std::function<void(core::Session &, std::size_t)> &task) {
  std::string reason;
  for (int attempt = 0; attempt <= retries; ++attempt) {
    try {
      core::Session &session = pool.recover(slot, false);
      task(session, index);
      return std::nullopt;
    } catch (const SnapshotLostError &e) {
      return std::string{e.what()}; // another connection cannot return to it either
    } catch (const ConnectionError &e) {
      reason = e.what();
      try {
        pool.recover(slot, true);
      } catch (const Error &again) {
        return std::string{again.what()};
      }
    } catch (const Error &e) {
      return std::string{e.what()}; // a failed query fails the same way when repeated
    } catch (const std::exception &e) {
      return "internal error: " + std::string{e.what()};
    }
  }
  return reason + " (after " + std::to_string(retries) + " retries)";
}

} // namespace

std::vector<std::optional<std::string>>
run_on_side(core::SnapshotPool &pool, std::size_t count, int retries, const std::atomic<bool> *stop,
            const std::function<void(core::Session &, std::size_t)> &task) {
  std::vector<std::optional<std::string>> failures(count);
  std::vector<std::size_t> done_by_slot(pool.size(), 0);
  tbb::task_arena arena{static_cast<int>(pool.size()), 1};
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, count, 1),
        [&](const tbb::blocked_range<std::size_t> &range) {
          const auto slot = static_cast<std::size_t>(tbb::this_task_arena::current_thread_index());
          for (std::size_t index = range.begin(); index != range.end(); ++index) {
            if (stop != nullptr && stop->load()) {
              failures[index] = "interrupted";
              continue;
            }
            failures[index] = run_with_retries(pool, slot, index, retries, task);
            if (++done_by_slot[slot] % k_tasks_per_transaction == 0) {
              try {
                pool.release_locks(slot);
              } catch (const ConnectionError &) { // NOLINT(bugprone-empty-catch)
                // The worker stays bound to the snapshot: the next task reconnects into it, or
                // fails with the SnapshotLostError that ends this worker's reading.
              }
            }
          }
        },
        tbb::simple_partitioner{});
  });
  return failures;
}

void on_both_sides(const std::function<void()> &source_work,
                   const std::function<void()> &target_work) {
  std::exception_ptr target_failure;
  std::thread target{[&] {
    try {
      target_work();
    } catch (...) {
      target_failure = std::current_exception();
    }
  }};
  std::exception_ptr source_failure;
  try {
    source_work();
  } catch (...) {
    source_failure = std::current_exception();
  }
  target.join();
  if (source_failure) {
    std::rethrow_exception(source_failure);
  }
  if (target_failure) {
    std::rethrow_exception(target_failure);
  }
}

} // namespace pgparity::hashing::detail
