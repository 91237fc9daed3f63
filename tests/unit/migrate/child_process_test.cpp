#include "migrate/child_process.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

using namespace pgparity::migrate;
using namespace std::chrono_literals;

namespace {

// Collects the lines of both streams.
struct Lines {
  std::vector<std::string> out;
  std::vector<std::string> err;

  ChildSpec spec(const std::string &command) {
    ChildSpec result = shell_command(command);
    result.on_stdout_line = [this](std::string_view line) { out.emplace_back(line); };
    result.on_stderr_line = [this](std::string_view line) { err.emplace_back(line); };
    return result;
  }
};

std::string temp_path(const std::string &name) {
  std::string path = ::testing::TempDir() + "/child_process_" + name;
  std::remove(path.c_str());
  return path;
}

std::string read_file(const std::string &path) {
  std::ifstream in{path};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// True while `pid` runs; a zombie (a container's init may never reap one) counts as dead.
bool alive(pid_t pid) {
  std::ifstream stat{"/proc/" + std::to_string(pid) + "/stat"};
  std::string text;
  std::getline(stat, text);
  const auto state = text.rfind(") ");
  return state != std::string::npos && state + 2 < text.size() && text[state + 2] != 'Z';
}

bool dies_soon(pid_t pid) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (!alive(pid)) {
      return true;
    }
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

} // namespace

TEST(ChildProcess, ReportsExitCodes) {
  EXPECT_TRUE(run_child(shell_command("exit 0")).ok());
  const auto failed = run_child(shell_command("exit 3"));
  EXPECT_TRUE(failed.started);
  EXPECT_EQ(failed.exit_code, 3);
  EXPECT_EQ(failed.signal, 0);
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(failed.error.empty());
}

TEST(ChildProcess, DescribesHowItEnded) {
  EXPECT_EQ(run_child(shell_command("exit 3")).describe(), "exited with code 3");
  // A signal is named: the OOM killer's SIGKILL must not read like an ordinary exit status.
  const auto killed = run_child(shell_command("kill -9 $$"));
  EXPECT_EQ(killed.signal, SIGKILL);
  EXPECT_FALSE(killed.ok());
  EXPECT_EQ(killed.describe(), "was killed by signal 9 (SIGKILL)");
  ChildSpec spec;
  spec.argv = {"pgparity-no-such-program"};
  EXPECT_EQ(run_child(spec).describe(),
            "did not start: cannot execute pgparity-no-such-program: No such file or directory");
}

TEST(ChildProcess, DeliversLinesOfBothStreamsInOrderAndLogsThem) {
  Lines lines;
  auto spec = lines.spec("echo one; echo uno >&2; echo two; echo dos >&2; printf 'no newline'");
  spec.name = "demo";
  spec.log_path = temp_path("log.txt");
  const auto result = run_child(spec);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(lines.out, (std::vector<std::string>{"one", "two", "no newline"}));
  EXPECT_EQ(lines.err, (std::vector<std::string>{"uno", "dos"}));

  const std::string log = read_file(spec.log_path);
  for (const char *line :
       {"[demo] one\n", "[demo] two\n", "[demo] uno\n", "[demo] dos\n", "[demo] no newline\n"}) {
    EXPECT_NE(log.find(line), std::string::npos) << line << " missing from\n" << log;
  }
  EXPECT_LT(log.find("[demo] one"), log.find("[demo] two"));
  EXPECT_LT(log.find("[demo] uno"), log.find("[demo] dos"));
}

TEST(ChildProcess, AppendsToTheLogAndNamesLinesAfterTheProgram) {
  const std::string log = temp_path("append.txt");
  auto first = shell_command("echo first");
  first.log_path = log;
  auto second = shell_command("echo second >&2");
  second.log_path = log;
  ASSERT_TRUE(run_child(first).ok());
  ASSERT_TRUE(run_child(second).ok());
  EXPECT_EQ(read_file(log), "[sh] first\n[sh] second\n");
}

TEST(ChildProcess, DeliversManyLinesAndLongLinesWhole) {
  Lines lines;
  const auto result =
      run_child(lines.spec("i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done; "
                           "head -c 100000 /dev/zero | tr '\\0' x; echo"));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(lines.out.size(), 2001U);
  EXPECT_EQ(lines.out[1999], "line1999");
  EXPECT_EQ(lines.out[2000], std::string(100000, 'x'));
}

TEST(ChildProcess, PassesEnvironmentVariablesAndStdinIsEmpty) {
  Lines lines;
  auto spec = lines.spec("echo \"$PGPASSWORD/$PGPARITY_TEST_EXTRA\"; cat; echo end");
  spec.env = {{"PGPASSWORD", "s3cret"}, {"PGPARITY_TEST_EXTRA", "x"}};
  ASSERT_TRUE(run_child(spec).ok());
  EXPECT_EQ(lines.out, (std::vector<std::string>{"s3cret/x", "end"}));
}

TEST(ChildProcess, OverriddenVariableReplacesTheInheritedOne) {
  Lines lines;
  auto spec = lines.spec("env | grep -c '^HOME='; echo \"$HOME\"");
  spec.env = {{"HOME", "/nowhere"}};
  ASSERT_TRUE(run_child(spec).ok());
  EXPECT_EQ(lines.out, (std::vector<std::string>{"1", "/nowhere"}));
}

TEST(ChildProcess, MissingProgramIsAResultNotAnException) {
  ChildSpec spec;
  spec.argv = {"pgparity-no-such-program", "--version"};
  spec.log_path = temp_path("missing.txt");
  const auto result = run_child(spec);
  EXPECT_FALSE(result.started);
  EXPECT_EQ(result.exit_code, 127);
  EXPECT_EQ(result.error, "cannot execute pgparity-no-such-program: No such file or directory");
  EXPECT_NE(read_file(spec.log_path).find("cannot execute"), std::string::npos);

  const std::string plain_file = temp_path("not_executable.sh");
  std::ofstream{plain_file} << "echo hi\n";
  spec.argv = {plain_file};
  spec.log_path.clear();
  const auto not_executable = run_child(spec);
  EXPECT_FALSE(not_executable.started);
  EXPECT_EQ(not_executable.error, "cannot execute " + plain_file + ": Permission denied");
}

TEST(ChildProcess, TerminateFromAnotherThreadStopsTheChildPromptly) {
  ChildProcess child;
  child.start(shell_command("sleep 30"));
  EXPECT_GT(child.pid(), 0);
  const auto started = std::chrono::steady_clock::now();
  std::thread stopper{[&] {
    std::this_thread::sleep_for(200ms);
    child.terminate(5s);
  }};
  const auto result = child.wait();
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(result.started);
  EXPECT_EQ(result.signal, SIGTERM);
  EXPECT_EQ(result.exit_code, 128 + SIGTERM);
}

TEST(ChildProcess, TerminateStopsGrandchildrenInTheGroup) {
  ChildProcess child;
  Lines lines;
  child.start(lines.spec("sleep 30 & echo $!; wait"));
  std::thread stopper{[&] {
    std::this_thread::sleep_for(300ms);
    child.terminate(5s);
  }};
  const auto started = std::chrono::steady_clock::now();
  const auto result = child.wait();
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_EQ(result.signal, SIGTERM);
  ASSERT_EQ(lines.out.size(), 1U);
  const pid_t grandchild = std::stoi(lines.out[0]);
  EXPECT_TRUE(dies_soon(grandchild)) << "sleep " << grandchild << " survived";
}

TEST(ChildProcess, WaitDoesNotHangOnABackgroundGrandchildHoldingThePipes) {
  Lines lines;
  const auto started = std::chrono::steady_clock::now();
  const auto result = run_child(lines.spec("sleep 30 & echo $!"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(lines.out.size(), 1U);
  ::kill(std::stoi(lines.out[0]), SIGKILL); // not ours to stop: the child has exited
}

TEST(ChildProcess, KillsAChildThatIgnoresSigterm) {
  ChildProcess child;
  Lines lines;
  child.start(lines.spec("trap '' TERM; echo ready; while :; do sleep 0.05; done"));
  std::thread stopper{[&] {
    std::this_thread::sleep_for(300ms);
    child.terminate(300ms);
  }};
  const auto result = child.wait();
  stopper.join();
  EXPECT_EQ(result.signal, SIGKILL);
  EXPECT_EQ(lines.out, (std::vector<std::string>{"ready"}));
}

TEST(ChildProcess, ChildRunsInItsOwnProcessGroup) {
  Lines lines;
  ChildProcess child;
  child.start(lines.spec("cut -d' ' -f5 /proc/$$/stat")); // pid (comm) state ppid pgrp
  const auto result = child.wait();
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(lines.out.size(), 1U);
  EXPECT_EQ(std::stoi(lines.out[0]), child.pid());
  EXPECT_NE(child.pid(), ::getpgrp());
}

TEST(ChildProcess, DestructorStopsARunningChild) {
  pid_t pid = 0;
  const auto started = std::chrono::steady_clock::now();
  {
    ChildProcess child;
    child.start(shell_command("sleep 30"));
    pid = child.pid();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(dies_soon(pid));
}

TEST(ChildProcess, TerminateWithoutChildOrAfterExitDoesNothing) {
  ChildProcess idle;
  idle.terminate(10ms);
  EXPECT_EQ(idle.pid(), 0);
  ChildProcess child;
  child.start(shell_command("exit 4"));
  EXPECT_EQ(child.wait().exit_code, 4);
  child.terminate(10ms);
  EXPECT_EQ(child.wait().exit_code, 4);
}
