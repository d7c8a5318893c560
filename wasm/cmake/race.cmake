# The racy counter (race/, for {{< race-counter >}}): plain C++ in race.cc, with its Emscripten
# layer in race_glue.cc. Its parameters and variants are declared once, in race/race.json, which
# the page reads too (site/hugo.toml mounts it as data).
#   natively         race_test (GoogleTest)
#   with Emscripten  ${LAB_SITE_DIR}/race/race.js + .wasm (+ worker), which the site serves as
#                    /wasm/race/. Threads only: without them there is no race to show.

set(RACE_DECLARATION "${CMAKE_CURRENT_SOURCE_DIR}/race/race.json")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${RACE_DECLARATION}")
file(READ "${RACE_DECLARATION}" race_json)

if(EMSCRIPTEN)
  # The glue clamps to the declared ranges and checks the variants' order against race.h.
  set(race_limits "")
  string(JSON param_count LENGTH "${race_json}" params)
  math(EXPR last "${param_count} - 1")
  foreach(i RANGE ${last})
    string(JSON name GET "${race_json}" params ${i} name)
    string(JSON min GET "${race_json}" params ${i} min)
    string(JSON max GET "${race_json}" params ${i} max)
    string(TOUPPER "${name}" upper)
    set(RACE_MAX_${upper} ${max})
    string(APPEND race_limits "inline constexpr int k${name}_min = ${min}, k${name}_max = ${max};\n")
  endforeach()
  set(race_variants "")
  string(JSON variant_count LENGTH "${race_json}" variants)
  math(EXPR last "${variant_count} - 1")
  foreach(i RANGE ${last})
    string(JSON id GET "${race_json}" variants ${i} id)
    string(APPEND race_variants "\"${id}\", ")
  endforeach()
  if(NOT RACE_MAX_THREADS)
    message(FATAL_ERROR "${RACE_DECLARATION}: declare a \"threads\" parameter")
  endif()
  file(CONFIGURE OUTPUT "${CMAKE_BINARY_DIR}/race/race_declared.h" @ONLY CONTENT
"// Generated from race/race.json by cmake/race.cmake: edit the declaration, not this file.
#pragma once
#include <string_view>
namespace race::declared {
@race_limits@inline constexpr std::string_view kVariantIds[] = {@race_variants@};
}  // namespace race::declared
")

  add_executable(race race/race.cc race/race_glue.cc)
  target_compile_options(race PRIVATE -pthread)
  target_include_directories(race PRIVATE "${CMAKE_BINARY_DIR}/race")
  # Its counting threads, the runner that starts them, and one spare, loaded before the factory
  # resolves: threads start within a few ms of each other.
  math(EXPR race_pool "${RACE_MAX_THREADS} + 2")
  target_link_options(race PRIVATE
    -pthread
    -sMODULARIZE
    -sEXPORT_NAME=createRace
    # The page reads the counts from the heap (race_counts in race_glue.cc).
    -sEXPORTED_RUNTIME_METHODS=HEAP32
    # The page imports it; its pthread workers import it too, by its own name.
    -sEXPORT_ES6
    -sENVIRONMENT=web,worker
    -sPTHREAD_POOL_SIZE=${race_pool}
    # Nothing may block the page's own thread: an error instead of a frozen tab.
    -sALLOW_BLOCKING_ON_MAIN_THREAD=0
    # Fixed memory, small stacks: the page's view of the heap stays valid.
    -sINITIAL_MEMORY=16MB
    -sTOTAL_STACK=512KB
    -sDEFAULT_PTHREAD_STACK_SIZE=128KB)
  set_target_properties(race PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${LAB_SITE_DIR}/race")
elseif(GTest_FOUND)
  add_executable(race_test race/race.cc race/race_test.cc)
  target_link_libraries(race_test PRIVATE Threads::Threads GTest::gtest_main)
  gtest_discover_tests(race_test)
endif()
