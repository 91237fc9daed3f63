// What pg_restore reported on stderr, as values: each error with its TOC entry, the server's
// message and the failed command, classified as harmless (a known managed-server artefact such
// as `COMMENT ON EXTENSION plpgsql` failing on RDS) or not, and turned into Findings.
// Limits: written against pg_restore 15's English messages (lc_messages C). TOC entries are
// printed only with --verbose; without it an error still carries its message and command, but
// no TOC entry. With --jobs, lines of parallel workers may interleave, and an error is then
// attributed to the most recent TOC entry line.
#pragma once

#include "report/finding.hpp"

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::migrate {

// One error pg_restore printed.
struct RestoreError {
  // The TOC entry, e.g. "4205; 0 0 COMMENT EXTENSION plpgsql"; empty without --verbose.
  std::string toc_entry;
  // The server's message without "ERROR:  ", e.g. "must be owner of extension plpgsql", or
  // pg_restore's own message when the server sent none.
  std::string message;
  // The lines that followed the message (DETAIL:, HINT:, CONTEXT:, LINE n:), may be empty.
  std::string detail;
  // The "Command was:" text, may be multi-line or empty (a failed COPY prints none).
  std::string command;
  // The object the error is about, unquoted: "extension plpgsql", "schema public",
  // "public.orders", "public.orders.orders_pkey"; else the TOC entry text; else empty.
  std::string object;
  // True when a rule of restore_error_rules.cpp says the error does not affect the copy.
  bool harmless = false;
  // That rule's reason, empty when not harmless.
  std::string why_harmless;
};

// Reads pg_restore's stderr one line at a time (as ChildSpec::on_stderr_line delivers it) and
// collects the errors. Other lines (progress, warnings, notices) are skipped.
class RestoreErrorParser {
public:
  // One line of stderr, without its line break.
  void feed(std::string_view line);

  // Ends the input and returns every error, in the order printed, classified.
  std::vector<RestoreError> finish();

  // N from "pg_restore: warning: errors ignored on restore: N", when pg_restore printed it.
  // With --jobs pg_restore 15 over-counts (20 for 13 errors printed): a sanity check only.
  std::optional<long> ignored_count() const { return m_ignored_count; }

private:
  void close_error();
  void start_error(std::string_view text);

  enum class State { outside, message, command };
  State m_state = State::outside;
  std::string m_toc_entry;               // the TOC entry being processed
  std::deque<std::string> m_data_tables; // recent "processing data for table" names
  std::optional<RestoreError> m_current; // the error being read
  std::string m_copy_table;              // table named by "COPY failed for table"
  std::vector<RestoreError> m_errors;
  std::optional<long> m_ignored_count;
};

// Classifies `error` by the rules table: sets harmless and why_harmless.
void classify_restore_error(RestoreError &error);

// The object an error is about (see RestoreError::object), from its command, else from its TOC
// entry; `data_table` is the qualified table a failed COPY was loading, when known.
std::string restore_error_object(const RestoreError &error, std::string_view data_table = {});

// One Finding per error, check "restore": id restore.ignored_error (info) for a harmless one,
// restore.error (error) for any other. Details: toc_entry, message, detail, command,
// why_harmless.
std::vector<report::Finding> restore_findings(const std::vector<RestoreError> &errors);

} // namespace pgparity::migrate
