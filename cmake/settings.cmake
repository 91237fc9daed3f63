# Language level, build type and project-wide switches.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

option(PGPARITY_BUILD_TESTS "Build the unit and integration tests" ON)
option(PGPARITY_WARNINGS_AS_ERRORS "Treat compiler warnings as errors (CI and dev builds)" OFF)
set(PGPARITY_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
