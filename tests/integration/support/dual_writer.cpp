// pgparity_dual_writer: a stand-in for an application that writes to two databases during a
// migration (dual-write), for the `watch` tests and `scripts/demo watch`. It owns one table
// `(id bigint primary key, v text, n int, updated_at timestamptz)`, creates it on both sides if
// missing and copies the source's rows to the target, so both start identical. Then, at every
// tick, it runs a random INSERT, UPDATE or DELETE on the source at once and the very same
// statement (same literal values, updated_at computed here) on the target --lag-ms later, in
// order; --hot-row ID also updates that row at every tick. On SIGTERM/SIGINT, or after
// --duration-ms, it applies every statement still queued to the target and exits 0: both sides
// are then identical. stdout carries only the final "writes N" (statements run on the source);
// errors go to stderr with exit 1, bad usage exits 2. Uses libpq only, one connection per side.
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <deque>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_signal(int /*signal*/) { g_stop = 1; }

constexpr const char *k_usage =
    "usage: pgparity_dual_writer --source URL --target URL --table schema.table\n"
    "         [--lag-ms 200] [--writes-per-second 50] [--duration-ms N] [--hot-row ID]\n"
    "         [--initial-rows 100]\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string source;
  std::string target;
  std::string schema;
  std::string table;
  int lag_ms = 200;
  double writes_per_second = 50;
  std::optional<long long> duration_ms; // unset: until SIGTERM/SIGINT
  std::optional<std::int64_t> hot_row;
  int initial_rows = 100;
};

long long parse_integer(const std::string &option, const std::string &text, long long min) {
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used != text.size() || text.empty() || value < min) {
    throw UsageError(option + ": expected an integer of at least " + std::to_string(min) +
                     ", got '" + text + "'");
  }
  return value;
}

Options parse_options(int argc, char **argv) {
  Options options;
  std::string table;
  for (int i = 1; i < argc; ++i) {
    const std::string option = argv[i];
    if (option == "--help" || option == "-h") {
      std::cerr << k_usage;
      std::exit(0);
    }
    if (i + 1 >= argc) {
      throw UsageError(option + ": missing value (or unknown option)");
    }
    const std::string value = argv[++i];
    if (option == "--source") {
      options.source = value;
    } else if (option == "--target") {
      options.target = value;
    } else if (option == "--table") {
      table = value;
    } else if (option == "--lag-ms") {
      options.lag_ms = static_cast<int>(parse_integer(option, value, 0));
    } else if (option == "--writes-per-second") {
      options.writes_per_second = static_cast<double>(parse_integer(option, value, 1));
    } else if (option == "--duration-ms") {
      options.duration_ms = parse_integer(option, value, 0);
    } else if (option == "--hot-row") {
      options.hot_row = parse_integer(option, value, 1);
    } else if (option == "--initial-rows") {
      options.initial_rows = static_cast<int>(parse_integer(option, value, 0));
    } else {
      throw UsageError("unknown option " + option);
    }
  }
  const auto dot = table.find('.');
  if (options.source.empty() || options.target.empty() || dot == std::string::npos || dot == 0 ||
      dot + 1 == table.size() || table.find('.', dot + 1) != std::string::npos) {
    throw UsageError("--source, --target and --table schema.table are required");
  }
  options.schema = table.substr(0, dot);
  options.table = table.substr(dot + 1);
  return options;
}

// One libpq connection to one side; every failure throws with the side named.
class Side {
public:
  Side(std::string name, const std::string &url)
      : m_name(std::move(name)), m_conn(PQconnectdb(url.c_str()), &PQfinish) {
    if (PQstatus(m_conn.get()) != CONNECTION_OK) {
      throw std::runtime_error(m_name + ": cannot connect: " + PQerrorMessage(m_conn.get()));
    }
    exec("SET application_name = 'pgparity_dual_writer'; SET client_min_messages = warning");
  }

  using Result = std::unique_ptr<PGresult, void (*)(PGresult *)>;

  Result exec(const std::string &sql) {
    Result result{PQexec(m_conn.get(), sql.c_str()), &PQclear};
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw std::runtime_error(m_name + ": " + PQerrorMessage(m_conn.get()) + "  in: " + sql);
    }
    return result;
  }

  std::string identifier(const std::string &name) const { return escape(name, true); }
  std::string literal(const std::string &value) const { return escape(value, false); }

private:
  std::string escape(const std::string &text, bool identifier) const {
    char *escaped = identifier ? PQescapeIdentifier(m_conn.get(), text.data(), text.size())
                               : PQescapeLiteral(m_conn.get(), text.data(), text.size());
    if (escaped == nullptr) {
      throw std::runtime_error(m_name + ": cannot quote: " + PQerrorMessage(m_conn.get()));
    }
    std::string out{escaped};
    PQfreemem(escaped);
    return out;
  }

  std::string m_name;
  std::unique_ptr<PGconn, void (*)(PGconn *)> m_conn;
};

// The writer's own clock, as a timestamptz literal (UTC, microseconds): the same on both sides.
std::string timestamp_now() {
  const auto now = std::chrono::system_clock::now();
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &utc);
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%06lld+00", static_cast<long long>(micros % 1000000));
  return "'" + std::string{text, length} + fraction + "'";
}

class Writer {
public:
  explicit Writer(const Options &options)
      : m_options(options), m_source("source", options.source), m_target("target", options.target),
        m_random(std::random_device{}()) {
    m_table = m_source.identifier(options.schema) + "." + m_source.identifier(options.table);
  }

  void prepare();
  void run();
  std::uint64_t writes() const { return m_writes; }

private:
  struct Queued {
    Clock::time_point due;
    std::string sql;
  };

  std::string random_value() {
    static constexpr char k_letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::uniform_int_distribution<std::size_t> letter{0, sizeof k_letters - 2};
    std::uniform_int_distribution<std::size_t> length{4, 24};
    std::string text(length(m_random), ' ');
    for (char &c : text) {
      c = k_letters[letter(m_random)];
    }
    return "'" + text + "'";
  }
  std::string random_number() {
    return std::to_string(std::uniform_int_distribution<int>{-1000000, 1000000}(m_random));
  }
  std::string update_sql(std::int64_t id) {
    return "UPDATE " + m_table + " SET v = " + random_value() + ", n = " + random_number() +
           ", updated_at = " + timestamp_now() + " WHERE id = " + std::to_string(id);
  }
  std::string insert_sql(std::int64_t id) {
    return "INSERT INTO " + m_table + " (id, v, n, updated_at) VALUES (" + std::to_string(id) +
           ", " + random_value() + ", " + random_number() + ", " + timestamp_now() + ")";
  }
  std::string random_statement();
  void write(const std::string &sql, Clock::time_point now);
  void apply_due(Clock::time_point now);

  const Options &m_options;
  Side m_source;
  Side m_target;
  std::string m_table;
  std::mt19937_64 m_random;
  std::vector<std::int64_t> m_ids; // rows on the source, the hot row excepted
  std::int64_t m_next_id = 1;
  std::deque<Queued> m_queue;
  std::uint64_t m_writes = 0;
};

void Writer::prepare() {
  const std::string create = "CREATE SCHEMA IF NOT EXISTS " +
                             m_source.identifier(m_options.schema) +
                             "; CREATE TABLE IF NOT EXISTS " + m_table +
                             " (id bigint PRIMARY KEY, v text, n int, updated_at timestamptz)";
  m_source.exec(create);
  m_target.exec(create);
  if (m_options.initial_rows > 0 &&
      std::string{PQgetvalue(m_source.exec("SELECT count(*) FROM " + m_table).get(), 0, 0)} ==
          "0") {
    for (int i = 1; i <= m_options.initial_rows; ++i) {
      m_source.exec(insert_sql(i));
    }
  }
  if (m_options.hot_row) {
    m_source.exec(insert_sql(*m_options.hot_row) + " ON CONFLICT (id) DO NOTHING");
  }
  // The target starts as a copy of the source, in one transaction.
  const auto rows = m_source.exec("SELECT id, v, n, updated_at::text FROM " + m_table);
  m_target.exec("BEGIN");
  m_target.exec("DELETE FROM " + m_table);
  std::string values;
  const auto flush = [&] {
    if (!values.empty()) {
      m_target.exec("INSERT INTO " + m_table + " (id, v, n, updated_at) VALUES " + values);
      values.clear();
    }
  };
  const auto field = [&](int row, int column) {
    return PQgetisnull(rows.get(), row, column) != 0
               ? std::string{"NULL"}
               : m_target.literal(PQgetvalue(rows.get(), row, column));
  };
  for (int row = 0; row < PQntuples(rows.get()); ++row) {
    const std::int64_t id = std::stoll(PQgetvalue(rows.get(), row, 0));
    m_next_id = std::max(m_next_id, id + 1);
    if (!m_options.hot_row || id != *m_options.hot_row) {
      m_ids.push_back(id);
    }
    values += (values.empty() ? "(" : ", (") + std::to_string(id) + ", " + field(row, 1) + ", " +
              field(row, 2) + ", " + field(row, 3) + ")";
    if ((row + 1) % 500 == 0) {
      flush();
    }
  }
  flush();
  m_target.exec("COMMIT");
}

std::string Writer::random_statement() {
  // Inserts outweigh deletes while the table is smaller than it started, and the other way
  // round, so its size stays about the same.
  const auto wanted = static_cast<std::size_t>(std::max(m_options.initial_rows, 10));
  const int insert_weight = m_ids.size() < wanted ? 40 : 20;
  const int delete_weight = m_ids.empty() ? 0 : (m_ids.size() > wanted ? 40 : 20);
  const int roll = std::uniform_int_distribution<int>{0, 99}(m_random);
  if (m_ids.empty() || roll < insert_weight) {
    const std::int64_t id = m_next_id++;
    m_ids.push_back(id);
    return insert_sql(id);
  }
  const auto index = std::uniform_int_distribution<std::size_t>{0, m_ids.size() - 1}(m_random);
  const std::int64_t id = m_ids[index];
  if (roll < insert_weight + delete_weight) {
    m_ids[index] = m_ids.back();
    m_ids.pop_back();
    return "DELETE FROM " + m_table + " WHERE id = " + std::to_string(id);
  }
  return update_sql(id);
}

void Writer::write(const std::string &sql, Clock::time_point now) {
  m_source.exec(sql);
  ++m_writes;
  m_queue.push_back({now + std::chrono::milliseconds{m_options.lag_ms}, sql});
}

void Writer::apply_due(Clock::time_point now) {
  while (!m_queue.empty() && m_queue.front().due <= now) {
    m_target.exec(m_queue.front().sql);
    m_queue.pop_front();
  }
}

void Writer::run() {
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(1.0 / m_options.writes_per_second));
  const auto started = Clock::now();
  const std::optional<Clock::time_point> end =
      m_options.duration_ms
          ? std::optional{started + std::chrono::milliseconds{*m_options.duration_ms}}
          : std::nullopt;
  auto next_tick = started;
  while (g_stop == 0) {
    auto now = Clock::now();
    if (end && now >= *end) {
      break;
    }
    if (now >= next_tick) {
      write(random_statement(), now);
      if (m_options.hot_row) {
        write(update_sql(*m_options.hot_row), now);
      }
      next_tick += interval;
      if (next_tick < now - std::chrono::seconds{1}) {
        next_tick = now; // fell far behind (a slow server): no burst to catch up
      }
    }
    apply_due(Clock::now());
    auto wake = std::min(next_tick, Clock::now() + std::chrono::milliseconds{50});
    if (!m_queue.empty()) {
      wake = std::min(wake, m_queue.front().due);
    }
    if (end) {
      wake = std::min(wake, *end);
    }
    std::this_thread::sleep_until(wake);
  }
  // Drain: everything the source got, the target gets, in the same order.
  while (!m_queue.empty()) {
    m_target.exec(m_queue.front().sql);
    m_queue.pop_front();
  }
}

} // namespace

int main(int argc, char **argv) {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  try {
    const Options options = parse_options(argc, argv);
    Writer writer{options};
    writer.prepare();
    writer.run();
    std::cout << "writes " << writer.writes() << std::endl;
    return 0;
  } catch (const UsageError &e) {
    std::cerr << "pgparity_dual_writer: " << e.what() << "\n" << k_usage;
    return 2;
  } catch (const std::exception &e) {
    std::cerr << "pgparity_dual_writer: error: " << e.what() << "\n";
    return 1;
  }
}
