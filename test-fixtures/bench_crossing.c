/* ns per crossing, each way, for the backend in use.  Not a test: it
   reports numbers.  Needs HTS_TEST_HOOKS=1 for the Java-to-C loop.

     bench_crossing [CALLS]  */

#include <time.h>

#include "check.h"

static double
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int
main (int argc, char **argv)
{
  long n = argc > 1 ? atol (argv[1]) : 2000000;
  CHECK_EQ (hts_init (), HTS_OK);
  hts_table t = hts_new (16, 0.5f, 0.8125f, HTS_WEAK_NONE, 0);
  CHECK (t > 0);
  CHECK (hts_insert (t, 0x1000, 0x2000, 7) >= 0);
  hts_word v;
  for (long i = 0; i < n / 10; i++)
    hts_count (t), hts_find_eq (t, 0x1000, 7, &v);

  double t0 = now_ns ();
  for (long i = 0; i < n; i++)
    hts_count (t);
  double count_ns = (now_ns () - t0) / n;

  t0 = now_ns ();
  for (long i = 0; i < n; i++)
    hts_find_eq (t, 0x1000, 7, &v);
  double find_ns = (now_ns () - t0) / n;

  int64_t down = hts_test_hook (HTS_TEST_DOWNCALLS, n);
  CHECK (down > 0);
  printf ("backend %s, %ld calls each\n", hts_backend (), n);
  printf ("C->Java  hts_count (1 scalar argument)        %8.1f ns/call\n", count_ns);
  printf ("C->Java  hts_find_eq (3 scalars, 1 out-word)  %8.1f ns/call\n", find_ns);
  printf ("Java->C  downcall (void, no arguments)       %8.1f ns/call\n", (double) down / n);
  return 0;
}
