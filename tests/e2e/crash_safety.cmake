# Crash safety of backcoachd under kill -9 (issue 3, "Tests"). Included from
# tests/e2e/CMakeLists.txt; runs in about half a minute, labelled `crash` (one label:
# gtest_discover_tests of CMake 3.25 splits a list of labels into bogus properties).
if(TARGET backcoachd)
  add_executable(crash_safety_test
    ${CMAKE_CURRENT_LIST_DIR}/crash_safety_client.cpp
    ${CMAKE_CURRENT_LIST_DIR}/crash_safety_daemon.cpp
    ${CMAKE_CURRENT_LIST_DIR}/crash_safety_db.cpp
    ${CMAKE_CURRENT_LIST_DIR}/crash_safety_test.cpp
  )
  target_compile_definitions(crash_safety_test PRIVATE
    BACKCOACH_DAEMON_PATH="$<TARGET_FILE:backcoachd>"
    BACKCOACH_BENCH_SCRIPT="${PROJECT_SOURCE_DIR}/tests/bench/script.txt")
  target_link_libraries(crash_safety_test PRIVATE backcoach_beast nlohmann_json::nlohmann_json
    SQLite::SQLite3 GTest::gtest_main backcoach_warnings)
  add_dependencies(crash_safety_test backcoachd)
  gtest_discover_tests(crash_safety_test
    PROPERTIES LABELS crash TIMEOUT 120)
endif()
