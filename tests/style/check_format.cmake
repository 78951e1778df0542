# Runs clang-format --dry-run --Werror over daemon/ and tests/ (C++ only); fails naming the
# files that differ from .clang-format.
file(GLOB_RECURSE sources LIST_DIRECTORIES false
     "${ROOT}/daemon/*.cpp" "${ROOT}/daemon/*.h" "${ROOT}/tests/*.cpp" "${ROOT}/tests/*.h")
list(FILTER sources EXCLUDE REGEX "/tests/fuzz/corpus/")
list(LENGTH sources count)
set(bad "")
foreach(f IN LISTS sources)
  execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror "${f}"
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND bad "${f}")
  endif()
endforeach()
if(bad)
  list(JOIN bad "\n  " names)
  message(FATAL_ERROR "not formatted as .clang-format says (clang-format -i them):\n  ${names}")
endif()
message(STATUS "clang-format: ${count} files as .clang-format says")
