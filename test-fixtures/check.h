/* A minimal test harness: CHECK aborts the test with file:line and the
   failed expression; the last line of a passing test is printed by PASS.  */

#ifndef CHECK_H
#define CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "hts.h"

static int checks_run;

#define CHECK(cond)                                                           \
  do                                                                          \
    {                                                                         \
      checks_run++;                                                           \
      if (!(cond))                                                            \
        {                                                                     \
          fprintf (stderr, "%s:%d: CHECK failed: %s (hts_error: %s)\n",       \
                   __FILE__, __LINE__, #cond, hts_error ());                  \
          exit (1);                                                           \
        }                                                                     \
    }                                                                         \
  while (0)

#define CHECK_EQ(a, b)                                                        \
  do                                                                          \
    {                                                                         \
      int64_t a_ = (int64_t) (a), b_ = (int64_t) (b);                         \
      checks_run++;                                                           \
      if (a_ != b_)                                                           \
        {                                                                     \
          fprintf (stderr,                                                    \
                   "%s:%d: CHECK_EQ failed: %s == %" PRId64                   \
                   ", expected %s == %" PRId64 " (hts_error: %s)\n",          \
                   __FILE__, __LINE__, #a, a_, #b, b_, hts_error ());         \
          exit (1);                                                           \
        }                                                                     \
    }                                                                         \
  while (0)

#define PASS(name) printf ("%s: %d checks passed\n", name, checks_run)

#endif
