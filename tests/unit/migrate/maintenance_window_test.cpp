#include "migrate/maintenance_window.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace pgparity::migrate;

TEST(MaintenanceWindow, ClosedWindowOwesNothing) {
  int runs = 0;
  {
    MaintenanceWindow window{[&] { ++runs; }};
    window.close();
  }
  EXPECT_EQ(runs, 0);
}

TEST(MaintenanceWindow, OffHookRunsOnceWhenClosedAndNotAgainOnDestruction) {
  int runs = 0;
  {
    MaintenanceWindow window{[&] { ++runs; }};
    window.open();
    window.close();
    window.close();
    EXPECT_FALSE(window.is_open());
  }
  EXPECT_EQ(runs, 1);
}

TEST(MaintenanceWindow, OffHookRunsWhenAnyExceptionLeavesTheScope) {
  // Ours, the standard library's, anything: the off-hook runs while it unwinds.
  int runs = 0;
  const auto leave_with = [&](auto exception) {
    try {
      MaintenanceWindow window{[&] { ++runs; }};
      window.open();
      throw exception;
    } catch (...) { // NOLINT(bugprone-empty-catch): only the off-hook matters here
    }
  };
  leave_with(std::runtime_error{"not ours"});
  leave_with(std::bad_alloc{});
  leave_with(42);
  EXPECT_EQ(runs, 3);
}

TEST(MaintenanceWindow, FailingOffHookPropagatesFromCloseButNotFromTheDestructor) {
  int runs = 0;
  MaintenanceWindow window{[&] {
    ++runs;
    throw std::runtime_error{"off-hook broke"};
  }};
  window.open();
  EXPECT_THROW(window.close(), std::runtime_error);
  EXPECT_FALSE(window.is_open());
  EXPECT_NO_THROW({
    MaintenanceWindow inner{[] { throw std::runtime_error{"off-hook broke"}; }};
    inner.open();
  });
  EXPECT_EQ(runs, 1);
}
