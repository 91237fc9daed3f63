# Strict warnings for the project's own targets; errors only when PGPARITY_WARNINGS_AS_ERRORS is on.
function(pgparity_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
    -Wmissing-declarations
    -Wno-missing-field-initializers) # designated initializers leave defaulted members out on purpose
  if(PGPARITY_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
