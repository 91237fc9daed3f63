#include "core/session.hpp"

#include "core/connect.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <array>
#include <regex>
#include <utility>

namespace pgparity::core {

namespace {

using SnapshotReadTransaction =
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>;
using SnapshotWriteTransaction =
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_write>;

// A setting pinned so that every value's text form, and every catalog definition pgparity
// compares, is independent of server, database and role defaults.
struct PinnedSetting {
  const char *name;
  const char *value;
};

// Each is set for the session when it connects and again, with SET LOCAL, at the start of every
// transaction it opens: behind a transaction-pooling proxy (PgBouncer) each transaction may run
// on another server connection, which has its own settings (or was RESET ALL by the proxy).
constexpr std::array<PinnedSetting, 14> k_pinned_settings{{
    {"client_encoding", "'UTF8'"},
    {"TimeZone", "'UTC'"},                        // timestamptz, timetz
    {"DateStyle", "'ISO, YMD'"},                  // date, timestamp
    {"IntervalStyle", "'postgres'"},              // interval
    {"extra_float_digits", "3"},                  // real, double precision: shortest exact form
    {"bytea_output", "'hex'"},                    // bytea
    {"lc_monetary", "'C'"},                       // money
    {"xmlbinary", "'base64'"},                    // bytea written into xml
    {"xmloption", "'content'"},                   // xml parsed from text
    {"standard_conforming_strings", "on"},        // how our own literals are read
    {"quote_all_identifiers", "off"},             // definitions from pg_get_*def()
    {"search_path", "''"},                        // names in definitions are schema-qualified
    {"idle_in_transaction_session_timeout", "0"}, // the snapshot's transaction idles by design
    // Row-level security would silently hide rows from a role it applies to; off, such a read
    // fails instead, and the table is reported unverified.
    {"row_security", "off"},
}};

std::string millis(std::chrono::milliseconds value) { return std::to_string(value.count()); }

// "SET [LOCAL] name = value;" for every pinned setting and the session's timeouts (0: none).
std::string pinned_settings_sql(const SessionOptions &options, bool local) {
  const std::string set = local ? "SET LOCAL " : "SET ";
  std::string sql;
  for (const auto &setting : k_pinned_settings) {
    sql += set + setting.name + " = " + setting.value + ";";
  }
  sql += set + "statement_timeout = " +
         (options.statement_timeout ? millis(*options.statement_timeout) : "0") + ";";
  sql +=
      set + "lock_timeout = " + (options.lock_timeout ? millis(*options.lock_timeout) : "0") + ";";
  return sql;
}

std::string first_line(std::string text) {
  text.erase(std::find(text.begin(), text.end(), '\n'), text.end());
  return text;
}

// libpqxx 6.4 opens its connections itself, with PQconnectdb, which leaves no way to learn why
// an attempt failed. A connection policy is its one hook into opening: this one adopts the
// connection open_connection() made (and classified failures of) on the same thread, handed over
// just before the libpqxx connection is constructed.
thread_local PGconn *t_opened = nullptr;

class AdoptOpened : public pqxx::connectionpolicy {
public:
  explicit AdoptOpened(const std::string &options) : pqxx::connectionpolicy{options} {}
  handle do_startconnect(handle orig) override {
    if (orig != nullptr) {
      return orig;
    }
    if (t_opened == nullptr) {
      throw pqxx::broken_connection{"no connection to adopt"};
    }
    return std::exchange(t_opened, nullptr);
  }
};

using AdoptingConnection = pqxx::basic_connection_base<AdoptOpened>;

// Returned as its own type: pqxx::connection_base has no virtual destructor, and deleting the
// connection through it would skip the close that ends the server's session.
std::unique_ptr<AdoptingConnection> connect(const ConnectionString &url) {
  t_opened = open_connection(url);
  try {
    return std::make_unique<AdoptingConnection>(std::string{});
  } catch (...) {
    if (t_opened != nullptr) {
      PQfinish(std::exchange(t_opened, nullptr));
    }
    throw;
  }
}

// The one place that knows libpqxx 6.4's automatic reconnection: a silently reopened connection
// would leave its snapshot behind, so it is switched off. (libpqxx 7 has no reactivation.)
void disable_reactivation(pqxx::connection_base &connection) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  connection.inhibit_reactivation(true);
#pragma GCC diagnostic pop
}

// libpqxx 6.4 drops the SQLSTATE when it throws its specific sql_error subclasses (fixed in 7).
// Sessions ask libpq for verbose messages, whose first line reads "ERROR:  42501: text", and
// the state is taken from there when the exception has none. Returns {sqlstate, message}.
std::pair<std::string, std::string> sql_error_details(const pqxx::sql_error &error) {
  static const std::regex k_verbose_line{R"(^(\w+):\s+([0-9A-Z]{5}):\s*(.*)$)"};
  std::string line = first_line(error.what());
  std::smatch match;
  if (std::regex_match(line, match, k_verbose_line)) {
    std::string state = error.sqlstate().empty() ? match[2].str() : error.sqlstate();
    return {state, match[1].str() + ": " + match[3].str()};
  }
  return {error.sqlstate(), line};
}

// libpqxx 6.4 has no COPY from a query, and its stream_from copies each row once more into a
// std::string. libpqxx exposes the underlying libpq connection only to its large-object class,
// as a protected static; deriving from that class is the one sanctioned way to reach it, so COPY
// can be driven with libpq directly on the connection of an open transaction.
struct RawConnection : pqxx::largeobject {
  static PGconn *of(const pqxx::dbtransaction &transaction) {
    return pqxx::largeobject::raw_connection(transaction);
  }
};

} // namespace

struct Session::Impl {
  ConnectionString url;
  SessionOptions options;
  std::unique_ptr<AdoptingConnection> connection;
  // The open snapshot transaction, or null: not yet begun, ended, or dropped after a failure.
  std::unique_ptr<pqxx::dbtransaction> snapshot;
  // From begin_snapshot() to end_snapshot() the session is bound to its snapshot: it reads in
  // that snapshot or not at all, never in a transaction of its own.
  bool bound = false;
  // The exported snapshot the session adopted; none when it took a snapshot of its own (which
  // cannot be taken again once its transaction ends).
  std::optional<std::string> snapshot_id;
  // Why the bound snapshot cannot be returned to; every later read fails with it.
  std::optional<std::string> snapshot_lost;

  Impl(ConnectionString connection_url, SessionOptions session_options)
      : url(std::move(connection_url)), options(session_options) {}

  // Rolls back and forgets the snapshot transaction (a failed statement already aborted it).
  void drop_transaction() noexcept {
    if (snapshot) {
      try {
        snapshot->abort();
      } catch (...) { // NOLINT(bugprone-empty-catch): a failed rollback leaves nothing to undo
      }
      snapshot.reset();
    }
  }

  SnapshotLostError snapshot_lost_error() const {
    return SnapshotLostError(*snapshot_lost, "the connection that exported the run's snapshot "
                                             "ended (killed, or idle too long?); run again");
  }

  // Opens the bound snapshot's transaction: BEGIN, then in one round trip the adoption of the
  // exported snapshot and the pinned settings for this transaction. Throws SnapshotLostError
  // when the server refuses the snapshot (its exporter is gone), ConnectionError when the
  // connection broke.
  void open_transaction() {
    std::string sql;
    if (snapshot_id) {
      sql = "SET TRANSACTION SNAPSHOT " + connection->quote(*snapshot_id) + ";";
    }
    sql += pinned_settings_sql(options, true);
    try {
      guarded("snapshot", sql, [&] {
        if (options.read_only) {
          snapshot = std::make_unique<SnapshotReadTransaction>(*connection);
        } else {
          snapshot = std::make_unique<SnapshotWriteTransaction>(*connection);
        }
        snapshot->exec(sql);
      });
    } catch (const QueryError &e) {
      drop_transaction();
      snapshot_lost = url.side() + ": cannot return to the run's snapshot: " +
                      (e.sqlstate().empty() ? std::string{e.what()} : server_text(e));
      throw snapshot_lost_error();
    }
  }

  // The server's words in a QueryError from failed(), without the statement (which repeats the
  // snapshot id and the settings).
  static std::string server_text(const QueryError &e) {
    std::string text = e.what();
    const auto colon = text.find("): ");
    const auto in = text.rfind("] in: ");
    if (colon != std::string::npos && in != std::string::npos && in > colon) {
      return text.substr(colon + 3, in + 1 - colon - 3);
    }
    return text;
  }

  // Before a read in a bound session: makes sure its snapshot transaction is open and usable.
  // A transaction a failed statement aborted is rolled back and the same snapshot adopted
  // again; a snapshot that cannot be adopted again ends the session's reading.
  void ensure_snapshot(std::string_view about) {
    if (snapshot_lost) {
      throw snapshot_lost_error();
    }
    if (snapshot) {
      switch (PQtransactionStatus(RawConnection::of(*snapshot))) {
      case PQTRANS_INTRANS:
        return;
      case PQTRANS_INERROR: // a failed statement aborted it
      case PQTRANS_IDLE:    // it ended
        drop_transaction();
        break;
      default:
        throw lost(about, "the connection is not in a usable state");
      }
    }
    if (!snapshot_id) {
      snapshot_lost = url.side() + ": the transaction holding the run's snapshot ended; its "
                                   "snapshot cannot be taken again";
      throw snapshot_lost_error();
    }
    open_transaction();
  }

  // After a read in a bound session: a statement must not have ended the transaction (a
  // COMMIT inside the SQL), or what follows would read outside the snapshot.
  void check_still_in_snapshot(std::string_view object) {
    if (snapshot && PQtransactionStatus(RawConnection::of(*snapshot)) == PQTRANS_IDLE) {
      drop_transaction();
      throw InternalError(url.side() + ": a statement ended the snapshot transaction (" +
                          std::string{object} + ")");
    }
  }

  // An own transaction's first statement: the pinned settings, for this transaction.
  void pin_settings(pqxx::transaction_base &transaction) const {
    transaction.exec(pinned_settings_sql(options, true));
  }

  ~Impl() { snapshot.reset(); }

  // The error for a connection that broke while working on `about` (" (object)" or empty).
  ConnectionError lost(std::string_view about, const std::string &reason) {
    snapshot.reset();
    return ConnectionError(url.side() + ": connection to " + url.redacted() + " lost" +
                               std::string{about} + ": " +
                               redact_secrets(first_line(reason), url.libpq_text()),
                           "check that the " + url.side() + " server is up, then run again");
  }

  // The error for a statement the server refused, with advice for the states a user can fix.
  QueryError failed(std::string_view about, const std::string &sqlstate, const std::string &text,
                    const std::string &sql) const {
    std::string hint;
    if (sqlstate == "42501") {
      hint = "grant the " + url.side() + " role read access to this object, or exclude it";
    } else if (sqlstate == "57014") {
      hint = "the statement hit its timeout; raise it or run when the server is less busy";
    }
    return QueryError(url.side() + ": query failed" + std::string{about} + ": " +
                          redact_secrets(text, url.libpq_text()) + " [sqlstate " + sqlstate +
                          "] in: " + first_line(sql),
                      sqlstate, hint);
  }

  // Runs `body`, translating libpqxx's exceptions into ours with the side and object named.
  template <typename Body>
  auto guarded(std::string_view object, const std::string &sql, Body &&body) -> decltype(body()) {
    const std::string about = object.empty() ? std::string{} : " (" + std::string{object} + ")";
    try {
      return body();
    } catch (const pqxx::broken_connection &e) {
      throw lost(about, e.what());
    } catch (const pqxx::sql_error &e) {
      const auto [sqlstate, text] = sql_error_details(e);
      throw failed(about, sqlstate, text, sql);
    } catch (const pqxx::usage_error &e) {
      throw InternalError(url.side() + ": misuse of the database library" + about + ": " +
                          e.what());
    } catch (const pqxx::failure &e) {
      throw QueryError(url.side() + ": query failed" + about + ": " +
                           redact_secrets(first_line(e.what()), url.libpq_text()),
                       {});
    }
  }
};

static ResultSet to_result_set(const pqxx::result &result) {
  auto columns = std::make_shared<std::vector<std::string>>();
  for (pqxx::row::size_type i = 0; i < result.columns(); ++i) {
    columns->emplace_back(result.column_name(i));
  }
  ResultSet rows;
  rows.reserve(result.size());
  for (const auto &row : result) {
    std::vector<std::optional<std::string>> values;
    values.reserve(row.size());
    for (const auto &field : row) {
      if (field.is_null()) {
        values.emplace_back(std::nullopt);
      } else {
        values.emplace_back(std::string{field.c_str(), field.size()});
      }
    }
    rows.emplace_back(columns, std::move(values));
  }
  return rows;
}

Session::Session(const ConnectionString &url, SessionOptions options)
    : m_impl(std::make_unique<Impl>(url, options)) {
  m_impl->guarded("connection", {}, [&] { m_impl->connection = connect(url); });
  disable_reactivation(*m_impl->connection);
  m_impl->connection->set_verbosity(pqxx::connection_base::verbose);
  std::string settings = pinned_settings_sql(options, false) + "SET application_name = " +
                         m_impl->connection->quote(options.application_name) + ";";
  if (options.read_only) {
    settings += "SET default_transaction_read_only = on;";
  }
  m_impl->guarded("session settings", settings, [&] {
    m_impl->connection->set_client_encoding("UTF8");
    pqxx::nontransaction setup{*m_impl->connection};
    setup.exec(settings);
  });
}

Session::~Session() = default;
Session::Session(Session &&) noexcept = default;
Session &Session::operator=(Session &&) noexcept = default;

const std::string &Session::side() const noexcept { return m_impl->url.side(); }

const std::string &Session::redacted_url() const noexcept { return m_impl->url.redacted(); }

int Session::server_version_num() const noexcept { return m_impl->connection->server_version(); }

ResultSet Session::query(const std::string &sql, const std::vector<std::string> &params,
                         std::string_view object) {
  auto run = [&](pqxx::transaction_base &tx) {
    return to_result_set(params.empty()
                             ? tx.exec(sql)
                             : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params)));
  };
  if (m_impl->bound) {
    const std::string about = object.empty() ? std::string{} : " (" + std::string{object} + ")";
    m_impl->ensure_snapshot(about);
    try {
      auto rows = m_impl->guarded(object, sql, [&] { return run(*m_impl->snapshot); });
      m_impl->check_still_in_snapshot(object);
      return rows;
    } catch (const QueryError &) {
      m_impl->drop_transaction(); // aborted by the server; the next read adopts it again
      throw;
    }
  }
  return m_impl->guarded(object, sql, [&] {
    if (m_impl->options.read_only) {
      pqxx::read_transaction tx{*m_impl->connection};
      m_impl->pin_settings(tx);
      return run(tx);
    }
    pqxx::work tx{*m_impl->connection};
    m_impl->pin_settings(tx);
    auto rows = run(tx);
    tx.commit();
    return rows;
  });
}

void Session::copy_out(const std::string &select_sql,
                       const std::function<void(std::string_view row)> &on_row,
                       std::string_view object) {
  const std::string about = object.empty() ? std::string{} : " (" + std::string{object} + ")";
  std::unique_ptr<pqxx::dbtransaction> own;
  if (m_impl->bound) {
    m_impl->ensure_snapshot(about);
  } else {
    m_impl->guarded(object, select_sql, [&] {
      if (m_impl->options.read_only) {
        own = std::make_unique<pqxx::read_transaction>(*m_impl->connection);
      } else {
        own = std::make_unique<pqxx::work>(*m_impl->connection);
      }
      m_impl->pin_settings(*own);
    });
  }
  PGconn *connection = RawConnection::of(own ? *own : *m_impl->snapshot);
  const std::string sql = "COPY (" + select_sql + ") TO STDOUT";
  if (PQsendQuery(connection, sql.c_str()) == 0) {
    throw m_impl->lost(about, PQerrorMessage(connection));
  }
  // Drain every result even after a failure, so the connection is usable (or known broken).
  std::optional<QueryError> failure;
  bool broken = false;
  while (PGresult *result = PQgetResult(connection)) {
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COPY_OUT) {
      char *row = nullptr;
      int length = 0;
      while ((length = PQgetCopyData(connection, &row, 0)) > 0) {
        std::unique_ptr<char, decltype(&PQfreemem)> owned{row, &PQfreemem};
        const auto size = static_cast<std::size_t>(length);
        if (!failure) {
          try {
            on_row(std::string_view{row, size > 0 && row[size - 1] == '\n' ? size - 1 : size});
          } catch (...) {
            PQclear(result);
            throw; // the caller's own exception; the connection is dropped with the session
          }
        }
      }
      broken = broken || length == -2;
    } else if (status != PGRES_COMMAND_OK && !failure) {
      const char *state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
      const char *primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
      failure.emplace(m_impl->failed(about, state ? state : "",
                                     primary ? primary : PQresultErrorMessage(result), sql));
    }
    PQclear(result);
  }
  if (broken || PQstatus(connection) != CONNECTION_OK) {
    throw m_impl->lost(about, PQerrorMessage(connection));
  }
  if (failure) {
    // The server aborted the snapshot transaction: roll it back now; the next read adopts the
    // same snapshot again.
    m_impl->drop_transaction();
    throw *failure;
  }
  if (!own) {
    m_impl->check_still_in_snapshot(object);
  }
}

void Session::begin_snapshot(const std::optional<std::string> &snapshot_id) {
  if (m_impl->bound) {
    throw InternalError(side() + ": a snapshot transaction is already open");
  }
  m_impl->bound = true;
  m_impl->snapshot_id = snapshot_id;
  m_impl->snapshot_lost.reset();
  m_impl->open_transaction();
}

void Session::restart_snapshot() {
  if (!m_impl->bound || !m_impl->snapshot_id) {
    throw InternalError(side() + ": restart_snapshot needs an adopted snapshot");
  }
  if (m_impl->snapshot_lost) {
    throw m_impl->snapshot_lost_error();
  }
  m_impl->drop_transaction();
  m_impl->open_transaction();
}

std::string Session::export_snapshot() {
  if (!m_impl->bound || m_impl->snapshot_id) {
    throw InternalError(side() + ": export_snapshot needs a snapshot transaction of its own");
  }
  return query("SELECT pg_catalog.pg_export_snapshot() AS id", {}, "snapshot").at(0).text("id");
}

void Session::end_snapshot() noexcept {
  m_impl->drop_transaction();
  m_impl->bound = false;
  m_impl->snapshot_id.reset();
  m_impl->snapshot_lost.reset();
}

bool Session::in_snapshot() const noexcept { return m_impl->bound; }

void Session::execute(const std::string &sql) {
  if (m_impl->options.read_only) {
    throw InternalError(side() + ": execute() called on a read-only session");
  }
  if (m_impl->bound) {
    throw InternalError(side() + ": execute() called on a session bound to a snapshot");
  }
  m_impl->guarded({}, sql, [&] {
    pqxx::work tx{*m_impl->connection};
    tx.exec(sql);
    tx.commit();
  });
}

std::string Session::quote_name(std::string_view identifier) const {
  return m_impl->connection->quote_name(std::string{identifier});
}

Session open_again(const ConnectionString &url, SessionOptions options) {
  return once_started([&] { return Session{url, std::move(options)}; });
}

} // namespace pgparity::core
