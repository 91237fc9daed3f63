# Every third-party dependency, all from Debian packages (scripts/install-deps installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(libpqxx REQUIRED IMPORTED_TARGET libpqxx>=6.4)
pkg_check_modules(libpq REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(libxxhash REQUIRED IMPORTED_TARGET libxxhash>=0.8)
# Report signatures (HMAC-SHA256): a well-kept, constant-time implementation, used by hashing/ only.
pkg_check_modules(libsodium REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
# ICU locale names in their canonical BCP 47 form, as PostgreSQL 16+ stores them: used by checks/ only.
pkg_check_modules(icu_uc REQUIRED IMPORTED_TARGET icu-uc)
find_package(TBB REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Threads REQUIRED)
if(PGPARITY_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
