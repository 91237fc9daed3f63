# ccache, when installed (scripts/install-deps installs it), caches compilations across builds,
# presets and worktrees; paths under the source tree are made relative so every checkout of the
# same commit shares the cache. PGPARITY_CCACHE=OFF builds without it.
option(PGPARITY_CCACHE "Compile through ccache when it is installed" ON)
find_program(PGPARITY_CCACHE_PROGRAM ccache)
if(PGPARITY_CCACHE AND PGPARITY_CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${PROJECT_SOURCE_DIR} CCACHE_NOHASHDIR=true
      ${PGPARITY_CCACHE_PROGRAM})
endif()
