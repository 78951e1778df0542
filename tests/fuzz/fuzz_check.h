#pragma once

#include <cstdio>
#include <cstdlib>

// A property a fuzz target checks on every input: when it does not hold, the target
// says which and aborts, so libFuzzer keeps the input as a crash.
#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)
