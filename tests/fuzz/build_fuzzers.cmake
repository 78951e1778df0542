# Configures and builds the `fuzz` preset (clang, libFuzzer, ASan + UBSan) in build/fuzz:
# the CTest fuzz_build, which the fuzz_<target> tests wait for.
#   cmake -DSOURCE_DIR=<source tree> [-DTARGETS=fuzz_a,fuzz_b] -P build_fuzzers.cmake
cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
execute_process(COMMAND ${CMAKE_COMMAND} --preset fuzz
                WORKING_DIRECTORY ${SOURCE_DIR} COMMAND_ERROR_IS_FATAL ANY)
# TARGETS (comma-separated): build just these, e.g. fuzz_protocol,fuzz_engine; all when unset.
set(target_args "")
if(TARGETS)
  string(REPLACE "," ";" targets "${TARGETS}")
  set(target_args --target ${targets})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build --preset fuzz -j ${cores} ${target_args}
                WORKING_DIRECTORY ${SOURCE_DIR} COMMAND_ERROR_IS_FATAL ANY)
