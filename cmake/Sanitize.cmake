# Sanitizer and fuzzing builds (README, "Fuzzing and sanitizers"); each in a build directory of its
# own, never the release build in ./build.
#   -DLIMEN_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer for every target (any
#                        compiler); UB aborts, so a test that meets it fails.
#   -DLIMEN_FUZZ=ON      clang only: the same sanitizers plus libFuzzer's coverage, and the targets
#                        of fuzz/.
option(LIMEN_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(LIMEN_FUZZ "Build the libFuzzer targets of fuzz/ (clang only)" OFF)
if(LIMEN_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "LIMEN_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
endif()
if(LIMEN_SANITIZE OR LIMEN_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
if(LIMEN_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
