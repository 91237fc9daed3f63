#include "cli/app.hpp"

int main(int argc, char **argv) { return pgparity::cli::run(argc, argv); }
