# pgparity_library(NAME SOURCES … [PUBLIC_DEPS …] [PRIVATE_DEPS …]): one static library per
# source folder, includes rooted at the repository, the project's warnings applied.
function(pgparity_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(pgparity_${name} STATIC ${ARG_SOURCES})
  target_include_directories(pgparity_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(pgparity_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  pgparity_set_warnings(pgparity_${name})
endfunction()
