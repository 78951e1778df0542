// jemalloc's built-in options, read once when it starts; MALLOC_CONF in the environment
// overrides them, so an operator can still tune or turn them off.
//   thp:always           ask the kernel for transparent huge pages on every mapping (it
//                        honours that in the default "madvise" THP mode);
//   metadata_thp:always  the same for jemalloc's own bookkeeping.
// Why: docs/architecture.md, "Allocator"; the figures are in docs/benchmarks.md.
#include <jemalloc/jemalloc.h>

const char* malloc_conf = "thp:always,metadata_thp:always";
