// The data engine: reads the canonical image of every row of every table on both sides at once,
// `jobs` sessions per side, each side inside one exported snapshot, and returns per-chunk
// digests; then, for the chunks that differ, collects the rows themselves. It knows tables,
// chunks and digests, not findings: checks/ decides what a difference means.
// Memory grows with jobs and chunk counts, not with table size; collecting rows holds at most
// the requested chunks' rows.
#pragma once

#include "core/snapshot_pool.hpp"
#include "hashing/chunk_plan.hpp"
#include "hashing/digest.hpp"
#include "hashing/row_throttle.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pgparity::hashing {

// One table to compare: its image query on each side and how it is chunked.
struct TableJob {
  std::string name;         // schema.table, for messages
  std::string source_query; // image_query() on the source, without WHERE
  std::string target_query;
  std::vector<std::string> source_slices; // WHERE clauses from slice_predicates()
  std::vector<std::string> target_slices;
  ChunkPlan plan;
};

// Counters a caller may watch while the engine runs (from any thread).
struct EngineProgress {
  std::atomic<std::uint64_t> rows{0};        // rows read, both sides
  std::atomic<std::uint64_t> slices_done{0}; // table slices finished, both sides
  std::atomic<std::uint64_t> slices_total{0};
};

struct EngineOptions {
  int retries = 2;                    // per task, after a lost connection
  EngineProgress *progress = nullptr; // optional
  // Optional; set from another thread (a signal) to stop: tasks not yet started fail as
  // "interrupted", so their tables are not_verified and the result is incomplete.
  const std::atomic<bool> *stop = nullptr;
  // Optional: caps the rows read per second on the source side (the live database).
  RowThrottle *source_throttle = nullptr;
};

struct SideDigests {
  std::vector<ChunkDigest> chunks;  // plan.chunk_count() entries
  std::optional<std::string> error; // set when any part of this side could not be read
  double seconds = 0;               // summed over the side's slices
};

struct TableDigests {
  SideDigests source;
  SideDigests target;
};

// Digests of every job on both sides, in job order. Never throws for a table that cannot be
// read: that side's `error` says why.
std::vector<TableDigests> digest_tables(const std::vector<TableJob> &jobs,
                                        core::SnapshotPool &source, core::SnapshotPool &target,
                                        const EngineOptions &options);

// What sampling needs to know of a job's source table.
struct SampleInput {
  double estimated_rows = 0;
  std::int64_t pages = 0;
  std::string key_query; // SELECT <key image expressions> FROM ONLY <table>; empty: keyless
};

// For keyed jobs with more rows than one chunk: reads a seeded sample of the key from the source
// (a hundred keys or so per chunk wanted) and sets the boundaries so that each chunk holds about
// `chunk_rows` rows. The same data always gives the same boundaries. Jobs whose sample fails
// keep a single chunk (still compared in full).
void sample_boundaries(std::vector<TableJob> &jobs, const std::vector<SampleInput> &inputs,
                       std::size_t chunk_rows, core::SnapshotPool &source,
                       const EngineOptions &options);

struct CollectedRow {
  std::vector<std::string> key;            // key fields as COPY text; empty for keyless
  Hash128 hash;                            // of the whole image
  std::vector<std::uint64_t> field_hashes; // per image column
  std::string image;                       // the COPY row itself, when asked to keep it
};

struct CollectedSide {
  std::vector<CollectedRow> rows;
  std::optional<std::string> error;
};

struct CollectRequest {
  std::size_t job = 0;
  std::vector<std::size_t> chunks; // sorted
};

struct CollectedTable {
  CollectedSide source;
  CollectedSide target;
};

// The rows of the requested chunks on both sides, one entry per request.
std::vector<CollectedTable> collect_rows(const std::vector<TableJob> &jobs,
                                         const std::vector<CollectRequest> &requests,
                                         core::SnapshotPool &source, core::SnapshotPool &target,
                                         bool keep_images, const EngineOptions &options);

} // namespace pgparity::hashing
