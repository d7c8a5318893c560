# lab_add_demo(<demos/ID/demo.json>) turns a demo's declaration into build targets:
#   natively, the program ID (runtime/native/run_demo.cc) and ID_test from its *_test.cc files;
#   with Emscripten, in ${LAB_SITE_DIR}/ID, which the site serves: ID-single.js + .wasm, the
#   build without threads, and, if the demo has threaded models, ID.js + .wasm (+ worker).
# The declaration is read once here; its parameters become demo_params.h for the C++ side.

set(LAB_SITE_DIR "${CMAKE_BINARY_DIR}/site" CACHE PATH "Where the demos' browser files go")

# Link flags of both browser builds of a demo: a module exporting a factory, one instance per
# demo on the page, no Node.js code.
set(LAB_MODULE_LINK_FLAGS
  -sMODULARIZE
  -sEXPORT_NAME=createDemo)

# The build with threads, for the models that need them.
set(LAB_THREADS_LINK_FLAGS
  -pthread
  # What the page uses (runtime.js, events.js): parameters in, events out of shared memory.
  -sEXPORTED_RUNTIME_METHODS=HEAPF64,HEAPU32
  # The page imports it; its pthread workers import it too, by its own name.
  -sEXPORT_ES6
  -sENVIRONMENT=web,worker
  # main() runs in a worker, so its joins and sleeps never block the page.
  -sPROXY_TO_PTHREAD
  # A blocking call on the page's own thread would freeze the tab: make it an error instead.
  -sALLOW_BLOCKING_ON_MAIN_THREAD=0
  # One pthread worker to begin with, main()'s, loaded alongside the page. The page adds the
  # workers a run needs before it starts it (runtime.js, poolReady), so its threads start within a
  # few ms of each other (on demand, 27–124 ms apart in 3.1.6), and each worker loads the script
  # from the browser's cache instead of all fetching it at once on load.
  -sPTHREAD_POOL_SIZE=1
  -sPTHREAD_POOL_DELAY_LOAD
  # Small stacks, fixed memory: a few dozen threads fit, and the page's views of memory stay valid.
  -sINITIAL_MEMORY=32MB
  -sTOTAL_STACK=1MB
  -sDEFAULT_PTHREAD_STACK_SIZE=256KB)

# The build without threads, run in a Web Worker: sequential code, the event loop, processes.
set(LAB_SINGLE_LINK_FLAGS
  # What the worker uses (worker.js): parameters in, and ccall to await a run through Asyncify.
  -sEXPORTED_RUNTIME_METHODS=HEAPF64,ccall
  # A classic script for importScripts() in a classic worker, the most portable kind.
  -sENVIRONMENT=worker
  # The event loop's idle wait (emscripten_sleep) returns to the worker's own event loop.
  -sASYNCIFY
  # Only direct calls lead to that wait: the loop never sleeps inside a task's coroutine, so
  # Asyncify need not instrument every indirect call (about +40% size otherwise).
  -sASYNCIFY_IGNORE_INDIRECT
  -sINITIAL_MEMORY=16MB
  -sTOTAL_STACK=1MB)

function(lab_demo_fail declaration message)
  message(FATAL_ERROR "${declaration}: ${message}")
endfunction()

function(lab_add_demo declaration)
  get_filename_component(dir "${declaration}" DIRECTORY)
  get_filename_component(dir_name "${dir}" NAME)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${declaration}")
  file(READ "${declaration}" json)

  string(JSON id ERROR_VARIABLE error GET "${json}" id)
  if(error)
    lab_demo_fail("${declaration}" "${error}")
  endif()
  if(NOT id STREQUAL dir_name)
    lab_demo_fail("${declaration}" "id \"${id}\" must match its folder \"${dir_name}\"")
  endif()
  string(JSON source GET "${json}" source)

  # Parameters: a struct of named values plus the ranges that lab::clamp_params enforces.
  string(JSON count LENGTH "${json}" params)
  math(EXPR last "${count} - 1")
  set(fields "")
  set(specs "")
  set(inits "")
  set(max_workers "")
  foreach(i RANGE ${last})
    string(JSON name GET "${json}" params ${i} name)
    foreach(key min max step default)
      string(JSON ${key} ERROR_VARIABLE error GET "${json}" params ${i} ${key})
      if(error)
        lab_demo_fail("${declaration}" "parameter \"${name}\" needs a number for \"${key}\"")
      endif()
    endforeach()
    if(min GREATER max OR default LESS min OR default GREATER max)
      lab_demo_fail("${declaration}" "parameter \"${name}\": default ${default} is not in [${min}, ${max}]")
    endif()
    if(name STREQUAL "workers")
      set(max_workers ${max})
    endif()
    string(APPEND fields "  double ${name};\n")
    string(APPEND specs "    {\"${name}\", ${min}, ${max}, ${step}, ${default}},\n")
    string(APPEND inits "values[${i}], ")
  endforeach()
  foreach(required tasks)
    if(NOT fields MATCHES " ${required};")
      lab_demo_fail("${declaration}" "every demo declares a \"${required}\" parameter")
    endif()
  endforeach()

  string(JSON model_count LENGTH "${json}" models)
  math(EXPR last_model "${model_count} - 1")
  set(models "")
  # A model run by threads needs the threaded build, and a pool model a "workers" parameter.
  set(needs_threads OFF)
  foreach(i RANGE ${last_model})
    string(JSON model GET "${json}" models ${i})
    if(NOT DEFINED LAB_MODEL_BACKEND_${model})
      lab_demo_fail("${declaration}" "unknown model \"${model}\" (runtime/lab/models.json declares the models)")
    endif()
    string(APPEND models "lab::Model::${model}, ")
    if(LAB_MODEL_BACKEND_${model} STREQUAL "threads")
      set(needs_threads ON)
      if(LAB_MODEL_LANES_${model} STREQUAL "per_worker" AND NOT max_workers)
        lab_demo_fail("${declaration}" "model \"${model}\" runs a pool of threads: declare a \"workers\" parameter")
      endif()
    endif()
  endforeach()

  set(generated "${CMAKE_BINARY_DIR}/demos/${id}")
  file(CONFIGURE OUTPUT "${generated}/demo_params.h" @ONLY CONTENT
"// Generated from demos/@id@/demo.json by cmake/demos.cmake: edit the declaration, not this file.
#pragma once
#include \"lab/declarations.h\"
#include \"lab/params.h\"

namespace demo {

struct Params {
@fields@};

inline constexpr lab::ParamSpec kParamSpecs[] = {
@specs@};

inline Params params_from(const double* values) { return {@inits@}; }

// The models the demo offers.
inline constexpr lab::Model kModels[] = {@models@};

}  // namespace demo
")

  if(EMSCRIPTEN)
    if(needs_threads)
      add_executable(${id} "${dir}/${source}" runtime/glue/lab_threads.cc)
      target_include_directories(${id} PRIVATE "${generated}" runtime/glue)
      target_link_libraries(${id} PRIVATE lab_runtime_threads)
      target_link_options(${id} PRIVATE ${LAB_MODULE_LINK_FLAGS} ${LAB_THREADS_LINK_FLAGS})
      set_target_properties(${id} PROPERTIES
        SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${LAB_SITE_DIR}/${id}")
    endif()

    add_executable(${id}-single "${dir}/${source}" runtime/glue/lab_single.cc)
    target_include_directories(${id}-single PRIVATE "${generated}" runtime/glue)
    target_link_libraries(${id}-single PRIVATE lab_runtime_single)
    target_link_options(${id}-single PRIVATE ${LAB_MODULE_LINK_FLAGS} ${LAB_SINGLE_LINK_FLAGS})
    set_target_properties(${id}-single PROPERTIES
      SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${LAB_SITE_DIR}/${id}")
    lab_add_size_baseline(${id})
  else()
    # The demo as a command-line program (runtime/native/run_demo.cc), for the sample code.
    add_executable(${id} "${dir}/${source}" runtime/native/run_demo.cc)
    target_include_directories(${id} PRIVATE "${generated}")
    target_link_libraries(${id} PRIVATE lab_runtime)

    file(GLOB tests CONFIGURE_DEPENDS "${dir}/*_test.cc")
    if(tests AND GTest_FOUND)
      add_executable(${id}_test "${dir}/${source}" ${tests})
      target_include_directories(${id}_test PRIVATE "${generated}")
      target_link_libraries(${id}_test PRIVATE lab_runtime GTest::gtest_main)
      # Named after the demo, so that `ctest -R '^<id>\.'` (make native-test DEMO=<id>) runs its own.
      gtest_discover_tests(${id}_test TEST_PREFIX "${id}.")
    endif()
  endif()
endfunction()

# For `make bench` only: a demo's single-threaded build without Asyncify, to weigh what Asyncify
# adds. Its event loop cannot sleep, so it is never served.
function(lab_add_size_baseline id)
  get_target_property(sources ${id}-single SOURCES)
  get_target_property(includes ${id}-single INCLUDE_DIRECTORIES)
  add_executable(${id}-single-no-asyncify EXCLUDE_FROM_ALL ${sources})
  target_include_directories(${id}-single-no-asyncify PRIVATE ${includes})
  target_link_libraries(${id}-single-no-asyncify PRIVATE lab_runtime_single)
  list(FILTER LAB_SINGLE_LINK_FLAGS EXCLUDE REGEX "ASYNCIFY")
  target_link_options(${id}-single-no-asyncify PRIVATE ${LAB_MODULE_LINK_FLAGS} ${LAB_SINGLE_LINK_FLAGS})
  set_target_properties(${id}-single-no-asyncify PROPERTIES
    SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/size-baseline/${id}")
  add_dependencies(size_baselines ${id}-single-no-asyncify)
endfunction()
