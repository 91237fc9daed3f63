// Internal to hashing/: runs a list of tasks against one side's snapshot pool on a TBB arena with
// one thread per session, each thread always using the session of its arena slot. A task that
// loses its connection is retried on a fresh connection in the same snapshot; any other failure
// is recorded for that task (never thrown), so one unreadable table does not stop the others.
#pragma once

#include "core/snapshot_pool.hpp"

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pgparity::hashing::detail {

// Runs task(session, index) for every index below `count`. Returns, per task, the reason it
// failed, or nullopt. A task must start from scratch each time it is called (retries). Once
// `*stop` is set (from any thread), tasks not yet started fail as "interrupted".
std::vector<std::optional<std::string>>
run_on_side(core::SnapshotPool &pool, std::size_t count, int retries, const std::atomic<bool> *stop,
            const std::function<void(core::Session &, std::size_t)> &task);

// Runs `source_work` and `target_work` at the same time, so that both sides are read together.
void on_both_sides(const std::function<void()> &source_work,
                   const std::function<void()> &target_work);

} // namespace pgparity::hashing::detail
