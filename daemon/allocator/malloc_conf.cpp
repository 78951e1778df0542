// jemalloc's built-in options, read once when it starts; MALLOC_CONF in the environment
// overrides them, so an operator can still tune or turn them off.
//   thp:always           ask the kernel for transparent huge pages on every mapping (it
//                        honours that in the default "madvise" THP mode);
//   metadata_thp:always  the same for jemalloc's own bookkeeping;
//   narenas:1            one arena for every thread: the rule-set load frees on one core
//                        what the next step allocates on the other (the YAML trees, then
//                        the RE2 programs), and one arena hands back pages already
//                        faulted in; a load took 86-95 ms instead of 112-117 (two cores,
//                        docs/benchmarks.md). Each thread's cache keeps most small
//                        allocations off the arena's lock.
// Why: docs/architecture.md, "Rules are data"; the figures are in docs/benchmarks.md.
#include <jemalloc/jemalloc.h>

const char* malloc_conf = "thp:always,metadata_thp:always,narenas:1";
