# One CTest fuzz run: a fresh working corpus (so every run replays the seeds and then fuzzes
# for the same time, however many runs came before), the seeds read but never written.
#   cmake -DFUZZER=<exe> -DWORK=<dir> -DSEEDS=<dir> -DCRASHES=<prefix> -DSECONDS=<n>
#         -DTIMEOUT=<n> -P run_fuzzer.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
get_filename_component(crash_dir ${CRASHES} DIRECTORY)
file(MAKE_DIRECTORY ${crash_dir})
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=${TIMEOUT} -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${CRASHES} ${WORK} ${SEEDS}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${result}); the input is under ${CRASHES}*")
endif()
