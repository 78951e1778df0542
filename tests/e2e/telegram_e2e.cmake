# The Telegram channel of a real backcoachd against the fake Bot API (label telegram).
if(TARGET backcoachd)
  add_executable(telegram_e2e_test
    ${CMAKE_CURRENT_LIST_DIR}/crash_safety_db.cpp
    ${CMAKE_CURRENT_LIST_DIR}/daemon_process.cpp
    ${CMAKE_CURRENT_LIST_DIR}/e2e_env.cpp
    ${CMAKE_CURRENT_LIST_DIR}/telegram_e2e_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ws_client.cpp
  )
  target_compile_definitions(telegram_e2e_test PRIVATE
    BACKCOACH_DAEMON_PATH="$<TARGET_FILE:backcoachd>"
    BACKCOACH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_link_libraries(telegram_e2e_test PRIVATE backcoach_fake_telegram backcoach_beast
    nlohmann_json::nlohmann_json SQLite::SQLite3 date::date-tz GTest::gmock GTest::gtest_main
    backcoach_warnings)
  add_dependencies(telegram_e2e_test backcoachd)
  gtest_discover_tests(telegram_e2e_test PROPERTIES LABELS telegram TIMEOUT 120)
endif()
