// Assertions that stay on in release builds: a failed one is a programmer error, never a
// user's, so it aborts with the place it failed.
#pragma once

#include <cstdio>
#include <cstdlib>

#define INKASSO_ASSERT(cond)                                                            \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)
