// Comparing, watching or migrating a database onto itself is refused with exit 2 however the
// two connection strings spell it, and nothing is touched; two databases of one server are
// still compared.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace pgparity;

namespace {

std::string output(const test::ProcessResult &result) {
  return "exit code " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
         "\n--- stderr\n" + result.err;
}

// A small database on the source cluster.
std::string small_database(const std::string &name) {
  const std::string url = test::scratch_database("source", name);
  test::psql(url, "CREATE TABLE public.items (id int PRIMARY KEY, label text);"
                  "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
  return url;
}

// The same database as `url` (on the source cluster), spelled as key=value pairs.
std::string spelled_otherwise(const std::string &database) {
  return "host=127.0.0.1 port=" + test::cluster_port("source") +
         " user=postgres dbname=" + database + " application_name=another_name";
}

void expect_refused(const test::ProcessResult &result) {
  EXPECT_EQ(result.exit_code, 2) << output(result);
  EXPECT_NE(result.err.find("source and target are the same database"), std::string::npos)
      << output(result);
  EXPECT_EQ(result.out.find("CLEAN"), std::string::npos) << output(result);
}

TEST(SameDatabase, AuditOfADatabaseWithItselfIsRefused) {
  const std::string url = small_database("same_db_audit");
  expect_refused(test::run_pgparity({"audit", "--source", url, "--target", url, "--quiet"}));
}

TEST(SameDatabase, AnotherSpellingOfTheSameDatabaseIsRefused) {
  const std::string url = small_database("same_db_spelling");
  const std::string other = spelled_otherwise("same_db_spelling");
  expect_refused(test::run_pgparity({"audit", "--source", url, "--target", other, "--quiet"}));
  expect_refused(test::run_pgparity(
      {"watch", "--source", other, "--target", url, "--max-passes", "1", "--quiet"}));
}

TEST(SameDatabase, MigrateOntoTheSourceIsRefusedAndChangesNothing) {
  const std::string url = small_database("same_db_migrate");
  const auto dir = test::fresh_temp_path("pgparity_same_db_migrate");
  const auto result = test::run_pgparity({"migrate", "--source", url, "--target",
                                          spelled_otherwise("same_db_migrate"), "--clean",
                                          "--work-dir", dir, "--quiet"});
  EXPECT_EQ(result.exit_code, 2) << output(result);
  EXPECT_NE(result.err.find("FAIL  source and target are different databases"), std::string::npos)
      << output(result);
  EXPECT_EQ(test::psql_value(url, "SELECT count(*) FROM public.items"), "100");
}

TEST(SameDatabase, TwoDatabasesOfOneServerAreCompared) {
  const std::string a = small_database("same_server_a");
  const std::string b = small_database("same_server_b");
  const auto result = test::run_pgparity({"audit", "--source", a, "--target", b, "--quiet"});
  EXPECT_EQ(result.exit_code, 0) << output(result);
}

// A small server of the test's own and a physical copy of it (pg_basebackup), each on a port of
// its own: the same system identifier and database OIDs, yet two servers. Stopped on destruction.
class ServerAndClone {
public:
  ServerAndClone()
      : m_original(test::fresh_temp_path("pgparity_clone_original")),
        m_clone(test::fresh_temp_path("pgparity_clone_copy")) {
    m_original_port = free_port();
    do {
      m_clone_port = free_port();
    } while (m_clone_port == m_original_port);
    run({test::pg_program("initdb"), "-D", m_original, "-U", "postgres", "--auth=trust",
         "--encoding=UTF8", "--no-sync"});
    start(m_original, m_original_port);
    test::psql(url(m_original_port, "postgres"), "CREATE DATABASE cloned");
    test::psql(url(m_original_port, "cloned"),
               "CREATE TABLE public.items (id int PRIMARY KEY, label text);"
               "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
    run({test::pg_program("pg_basebackup"), "-D", m_clone, "-h", "127.0.0.1", "-p", m_original_port,
         "-U", "postgres", "--checkpoint=fast", "--wal-method=stream", "--no-sync"});
    start(m_clone, m_clone_port);
  }
  ~ServerAndClone() {
    for (const auto &dir : {m_clone, m_original}) {
      run({test::pg_program("pg_ctl"), "-D", dir, "-m", "immediate", "-w", "stop"}, false);
    }
  }
  ServerAndClone(const ServerAndClone &) = delete;
  ServerAndClone &operator=(const ServerAndClone &) = delete;

  std::string original(const std::string &database) const { return url(m_original_port, database); }
  std::string clone(const std::string &database) const { return url(m_clone_port, database); }

private:
  // A TCP port nothing listens on now, as the kernel picks one (the usual small race is
  // harmless here: a server that cannot bind fails the test loudly).
  static std::string free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
      throw std::runtime_error("no free TCP port");
    }
    ::close(fd);
    return std::to_string(ntohs(address.sin_port));
  }
  static std::string url(const std::string &port, const std::string &database) {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
  }
  static void start(const std::string &dir, const std::string &port) {
    run({test::pg_program("pg_ctl"), "-D", dir, "-l", dir + "/server.log", "-w", "-t", "60", "-o",
         "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"});
  }
  // Runs a server program as the user the clusters run as (postgres when the tests run as root).
  static void run(std::vector<std::string> argv, bool must_succeed = true) {
    if (geteuid() == 0) {
      argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
    }
    const auto result = test::run_process(argv);
    if (must_succeed) {
      ASSERT_EQ(result.exit_code, 0)
          << argv.front() << " " << argv.back() << ": " << result.out << result.err;
    }
  }

  std::string m_original;
  std::string m_clone;
  std::string m_original_port;
  std::string m_clone_port;
};

// A physical clone shares the system identifier and the database OID with its source, so those
// cannot tell the two apart; it is another server, and a faithful one, so it is compared: clean.
TEST(SameDatabase, APhysicalCloneIsComparedNotRefused) {
  const ServerAndClone servers;
  const std::string source = servers.original("cloned");
  const std::string target = servers.clone("cloned");
  ASSERT_EQ(test::psql_value(source, "SELECT system_identifier FROM pg_control_system()"),
            test::psql_value(target, "SELECT system_identifier FROM pg_control_system()"));
  const auto result =
      test::run_pgparity({"audit", "--source", source, "--target", target, "--quiet"});
  EXPECT_EQ(result.exit_code, 0) << output(result);
  EXPECT_EQ(result.out.rfind("CLEAN", 0), 0u) << output(result);
}

} // namespace
