#include "hashing/engine.hpp"

#include "hashing/copy_text.hpp"
#include "hashing/side_runner.hpp"

#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>

namespace pgparity::hashing {

namespace {

// One slice of one table on one side.
struct SliceTask {
  std::size_t job = 0;
  std::string query;
};

std::vector<SliceTask> slice_tasks(const std::vector<TableJob> &jobs, bool source) {
  std::vector<SliceTask> tasks;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const auto &slices = source ? jobs[j].source_slices : jobs[j].target_slices;
    const auto &query = source ? jobs[j].source_query : jobs[j].target_query;
    for (const auto &where : slices) {
      tasks.push_back({j, where.empty() ? query : query + " WHERE " + where});
    }
  }
  return tasks;
}

// Sessions per side may exceed the cores: the work waits on the servers, not the CPU.
tbb::global_control allow_threads(core::SnapshotPool &source, core::SnapshotPool &target) {
  return tbb::global_control{tbb::global_control::max_allowed_parallelism,
                             source.size() + target.size() + 2};
}

SideDigests digest_side(const std::vector<TableJob> &jobs, std::size_t job_index,
                        const std::vector<SliceTask> &tasks,
                        const std::vector<std::vector<ChunkDigest>> &partial,
                        const std::vector<double> &seconds,
                        const std::vector<std::optional<std::string>> &failures) {
  SideDigests side;
  side.chunks.resize(jobs[job_index].plan.chunk_count());
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    if (tasks[t].job != job_index) {
      continue;
    }
    if (failures[t]) {
      side.error = failures[t];
      continue;
    }
    for (std::size_t c = 0; c < side.chunks.size(); ++c) {
      side.chunks[c].merge(partial[t][c]);
    }
    side.seconds += seconds[t];
  }
  return side;
}

std::vector<std::optional<std::string>>
run_digests(const std::vector<TableJob> &jobs, const std::vector<SliceTask> &tasks,
            core::SnapshotPool &pool, const EngineOptions &options, RowThrottle *throttle,
            std::vector<std::vector<ChunkDigest>> &partial, std::vector<double> &seconds) {
  partial.assign(tasks.size(), {});
  seconds.assign(tasks.size(), 0.0);
  return detail::run_on_side(
      pool, tasks.size(), options.retries, options.stop,
      [&](core::Session &session, std::size_t t) {
        const auto started = std::chrono::steady_clock::now();
        const ChunkPlan &plan = jobs[tasks[t].job].plan;
        std::vector<ChunkDigest> digests(plan.chunk_count());
        std::vector<std::string_view> fields;
        const bool need_fields = plan.keyed() && plan.chunk_count() > 1;
        std::uint64_t batch = 0; // rows not yet accounted to the progress and the throttle
        const auto account = [&] {
          if (options.progress != nullptr) {
            options.progress->rows += batch;
          }
          if (throttle != nullptr) {
            throttle->pass(batch);
          }
          batch = 0;
        };
        session.copy_out(
            tasks[t].query,
            [&](std::string_view row) {
              const Hash128 hash = hash_bytes(row);
              if (need_fields) {
                split_copy_fields(row, fields);
              }
              digests[plan.chunk_count() == 1 ? 0 : plan.chunk_of(fields, hash)].add_row(hash);
              if (++batch == RowThrottle::k_batch) {
                account();
              }
            },
            jobs[tasks[t].job].name);
        account();
        partial[t] = std::move(digests);
        seconds[t] =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      });
}

} // namespace

std::vector<TableDigests> digest_tables(const std::vector<TableJob> &jobs,
                                        core::SnapshotPool &source, core::SnapshotPool &target,
                                        const EngineOptions &options) {
  auto parallelism = allow_threads(source, target);
  const auto source_tasks = slice_tasks(jobs, true);
  const auto target_tasks = slice_tasks(jobs, false);
  if (options.progress != nullptr) {
    options.progress->slices_total += source_tasks.size() + target_tasks.size();
  }
  std::vector<std::vector<ChunkDigest>> source_partial, target_partial;
  std::vector<double> source_seconds, target_seconds;
  std::vector<std::optional<std::string>> source_failures, target_failures;
  detail::on_both_sides(
      [&] {
        source_failures = run_digests(jobs, source_tasks, source, options, options.source_throttle,
                                      source_partial, source_seconds);
      },
      [&] {
        target_failures = run_digests(jobs, target_tasks, target, options, nullptr, target_partial,
                                      target_seconds);
      });
  std::vector<TableDigests> digests(jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    digests[j].source =
        digest_side(jobs, j, source_tasks, source_partial, source_seconds, source_failures);
    digests[j].target =
        digest_side(jobs, j, target_tasks, target_partial, target_seconds, target_failures);
  }
  return digests;
}

namespace {

// The sampling clause for a table of `pages` pages when `percent` of its rows are wanted. The
// sample is seeded (REPEATABLE), so the same data always gives the same chunks. Small tables
// are sampled row by row (BERNOULLI) because page sampling of a few pages is too coarse; large
// ones page by page (SYSTEM), which reads only the sampled pages.
std::string sample_clause(double percent, std::int64_t pages) {
  constexpr std::int64_t k_row_sampling_below_pages = 10000;
  if (percent >= 100.0) {
    return "";
  }
  return fmt::format(" TABLESAMPLE {} ({:.6f}) REPEATABLE (0)",
                     pages < k_row_sampling_below_pages ? "BERNOULLI" : "SYSTEM", percent);
}

} // namespace

void sample_boundaries(std::vector<TableJob> &jobs, const std::vector<SampleInput> &inputs,
                       std::size_t chunk_rows, core::SnapshotPool &source,
                       const EngineOptions &options) {
  constexpr double k_keys_per_chunk = 100.0;
  std::vector<std::size_t> wanted;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (jobs[j].plan.keyed() && inputs[j].estimated_rows > static_cast<double>(chunk_rows)) {
      wanted.push_back(j);
    }
  }
  const auto chunks_of = [&](std::size_t j) {
    return std::ceil(inputs[j].estimated_rows / static_cast<double>(chunk_rows));
  };
  std::vector<std::vector<std::vector<std::string>>> samples(wanted.size());
  auto parallelism = allow_threads(source, source);
  detail::run_on_side(source, wanted.size(), options.retries, options.stop,
                      [&](core::Session &session, std::size_t w) {
                        const std::size_t j = wanted[w];
                        const double percent =
                            std::min(100.0, 100.0 * chunks_of(j) * k_keys_per_chunk /
                                                inputs[j].estimated_rows);
                        std::vector<std::vector<std::string>> keys;
                        std::vector<std::string_view> fields;
                        session.copy_out(
                            inputs[j].key_query + sample_clause(percent, inputs[j].pages),
                            [&](std::string_view row) {
                              split_copy_fields(row, fields);
                              keys.emplace_back(fields.begin(), fields.end());
                            },
                            jobs[j].name);
                        samples[w] = std::move(keys);
                      });
  for (std::size_t w = 0; w < wanted.size(); ++w) {
    TableJob &job = jobs[wanted[w]];
    job.plan.boundaries = choose_boundaries(
        std::move(samples[w]), static_cast<std::size_t>(chunks_of(wanted[w])), job.plan.key_kinds);
    job.plan.prepare();
  }
}

std::vector<CollectedTable> collect_rows(const std::vector<TableJob> &jobs,
                                         const std::vector<CollectRequest> &requests,
                                         core::SnapshotPool &source, core::SnapshotPool &target,
                                         bool keep_images, const EngineOptions &options) {
  auto parallelism = allow_threads(source, target);
  // Only the requested jobs are read again.
  std::vector<TableJob> requested;
  for (const auto &request : requests) {
    requested.push_back(jobs[request.job]);
  }
  const auto collect_side = [&](bool from_source, std::vector<CollectedSide> &out) {
    const auto tasks = slice_tasks(requested, from_source);
    std::vector<std::vector<CollectedRow>> partial(tasks.size());
    const auto failures =
        detail::run_on_side(from_source ? source : target, tasks.size(), options.retries,
                            options.stop, [&](core::Session &session, std::size_t t) {
                              const std::size_t r = tasks[t].job;
                              const ChunkPlan &plan = requested[r].plan;
                              const auto &chunks = requests[r].chunks;
                              std::vector<CollectedRow> rows;
                              std::vector<std::string_view> fields;
                              session.copy_out(
                                  tasks[t].query,
                                  [&](std::string_view row) {
                                    const Hash128 hash = hash_bytes(row);
                                    split_copy_fields(row, fields);
                                    if (!std::binary_search(chunks.begin(), chunks.end(),
                                                            plan.chunk_of(fields, hash))) {
                                      return;
                                    }
                                    CollectedRow collected;
                                    for (const auto &key : plan.key_of(fields)) {
                                      collected.key.emplace_back(key);
                                    }
                                    collected.hash = hash;
                                    for (const auto &field : fields) {
                                      collected.field_hashes.push_back(hash_bytes_64(field));
                                    }
                                    if (keep_images) {
                                      collected.image = std::string{row};
                                    }
                                    rows.push_back(std::move(collected));
                                  },
                                  requested[r].name);
                              partial[t] = std::move(rows);
                            });
    out.assign(requests.size(), {});
    for (std::size_t t = 0; t < tasks.size(); ++t) {
      auto &side = out[tasks[t].job];
      if (failures[t]) {
        side.error = failures[t];
      }
      std::move(partial[t].begin(), partial[t].end(), std::back_inserter(side.rows));
    }
  };
  std::vector<CollectedSide> source_rows, target_rows;
  detail::on_both_sides([&] { collect_side(true, source_rows); },
                        [&] { collect_side(false, target_rows); });
  std::vector<CollectedTable> tables(requests.size());
  for (std::size_t r = 0; r < requests.size(); ++r) {
    tables[r] = {std::move(source_rows[r]), std::move(target_rows[r])};
  }
  return tables;
}

} // namespace pgparity::hashing
