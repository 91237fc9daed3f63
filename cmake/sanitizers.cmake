# Optional sanitizers for the whole build (the `asan` preset sets address,undefined).
if(PGPARITY_SANITIZE)
  add_compile_options(-fsanitize=${PGPARITY_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${PGPARITY_SANITIZE})
endif()
