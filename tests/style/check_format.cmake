# Runs clang-format --dry-run --Werror over daemon/ and tests/ (C++ only); fails naming the
# files that differ from .clang-format. One clang-format process reads every file: one
# process per file spent nearly two minutes of a CI run starting clang-format.
file(GLOB_RECURSE sources LIST_DIRECTORIES false
     "${ROOT}/daemon/*.cpp" "${ROOT}/daemon/*.h" "${ROOT}/tests/*.cpp" "${ROOT}/tests/*.h")
list(FILTER sources EXCLUDE REGEX "/tests/fuzz/corpus/")
list(LENGTH sources count)
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${sources}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE diagnostics)
if(NOT rc EQUAL 0)
  # Each difference is reported as "<file>:<line>:<column>: error: ..."; name each file once.
  string(REGEX MATCHALL "[^\n]+:[0-9]+:[0-9]+: error:" lines "${diagnostics}")
  set(bad "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE ":[0-9]+:[0-9]+: error:$" "" file "${line}")
    list(APPEND bad "${file}")
  endforeach()
  list(REMOVE_DUPLICATES bad)
  if(NOT bad)
    set(bad "clang-format failed (exit ${rc}): ${diagnostics}")
  endif()
  list(JOIN bad "\n  " names)
  message(FATAL_ERROR "not formatted as .clang-format says (clang-format -i them):\n  ${names}")
endif()
message(STATUS "clang-format: ${count} files as .clang-format says")
