# The latency probes (probes/, for {{< latency-probes >}}): plain C++ in probes.cc, with its
# Emscripten layer in probes_glue.cc.
#   natively         latency_probes (a program printing the figures) and probes_test (GoogleTest)
#   with Emscripten  ${LAB_SITE_DIR}/probes/, which the site serves as /wasm/probes/:
#                    probes.js + .wasm (+ worker) with threads, probes-single.js + .wasm without

if(EMSCRIPTEN)
  # Both builds: a factory the page (or its worker) calls once and keeps.
  set(PROBES_LINK_FLAGS
    -sMODULARIZE
    -sEXPORT_NAME=createProbes
    # The page reads the figures from the heap (probes_results in probes_glue.cc).
    -sEXPORTED_RUNTIME_METHODS=HEAPF64
    # Fixed memory: the 64 MB buffer of the memory probes, its 4 MB of set-up, stacks and slack.
    -sINITIAL_MEMORY=96MB
    -sTOTAL_STACK=1MB)
  # The only difference between the two builds, as squoosh does it: threads or not.
  set(PROBES_THREADS_FLAGS
    -pthread
    # The page imports it; its pthread workers import it too, by its own name.
    -sEXPORT_ES6
    -sENVIRONMENT=web,worker
    # The probes' thread, the mutex probe's second thread, and one spare, loaded before the
    # factory resolves: no probe waits for a worker to start.
    -sPTHREAD_POOL_SIZE=3
    -sDEFAULT_PTHREAD_STACK_SIZE=256KB
    # Nothing may block the page's own thread: an error instead of a frozen tab.
    -sALLOW_BLOCKING_ON_MAIN_THREAD=0)
  set(PROBES_SINGLE_FLAGS
    # A classic script for importScripts() in the probes' worker.
    -sENVIRONMENT=worker)

  add_executable(probes probes/probes.cc probes/probes_glue.cc)
  target_compile_options(probes PRIVATE -pthread)
  target_link_options(probes PRIVATE ${PROBES_LINK_FLAGS} ${PROBES_THREADS_FLAGS})

  add_executable(probes-single probes/probes.cc probes/probes_glue.cc)
  target_link_options(probes-single PRIVATE ${PROBES_LINK_FLAGS} ${PROBES_SINGLE_FLAGS})

  set_target_properties(probes probes-single PROPERTIES
    SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${LAB_SITE_DIR}/probes")
else()
  add_executable(latency_probes probes/probes.cc probes/probes_main.cc)
  target_link_libraries(latency_probes PRIVATE Threads::Threads)
  if(GTest_FOUND)
    add_executable(probes_test probes/probes.cc probes/probes_test.cc)
    target_link_libraries(probes_test PRIVATE Threads::Threads GTest::gtest_main)
    gtest_discover_tests(probes_test)
  endif()
endif()
