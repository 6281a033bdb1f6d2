/* ns per crossing, each way, for the backend in use.  Not a test: it
   reports numbers.  Needs HTS_TEST_HOOKS=1 for the Java-to-C loop.

     bench_crossing [CALLS]  */

#include <time.h>

#include "check.h"
#include "hts_layout.h"

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
  CHECK_EQ (hts_set_host (0), HTS_OK);
  CHECK_EQ (hts_init (), HTS_OK);
  hts_table t = hts_new (16, 0.5f, 0.8125f, HTS_WEAK_NONE, 0);
  CHECK (t > 0);
  CHECK (hts_insert (t, 0x1000, 0x2000, 7) >= 0);
  const struct hts_layout *l = hts_table_layout (t);
  CHECK (l != NULL);
  for (long i = 0; i < n / 10; i++)
    hts_table_layout (t), hts_set_value (t, 0, i);

  double t0 = now_ns ();
  for (long i = 0; i < n; i++)
    hts_table_layout (t);
  double layout_ns = (now_ns () - t0) / n;

  t0 = now_ns ();
  for (long i = 0; i < n; i++)
    hts_set_value (t, 0, i);
  double set_ns = (now_ns () - t0) / n;

  /* A read: no crossing at all.  */
  volatile hts_slot sink = 0;
  t0 = now_ns ();
  for (long i = 0; i < n; i++)
    sink += hts_lookup_eq (l, 0x1000, 7);
  double read_ns = (now_ns () - t0) / n;
  (void) sink;

  int64_t down = hts_test_hook (HTS_TEST_DOWNCALLS, n);
  CHECK (down > 0);
  printf ("backend %s, %ld calls each\n", hts_backend (), n);
  printf ("C->Java  hts_table_layout (1 scalar argument)  %8.1f ns/call\n",
          layout_ns);
  printf ("C->Java  hts_set_value (3 scalars, a write)    %8.1f ns/call\n",
          set_ns);
  printf ("C only   hts_lookup_eq (a read, no crossing)   %8.1f ns/call\n",
          read_ns);
  printf ("Java->C  downcall (void, no arguments)       %8.1f ns/call\n",
          (double) down / n);
  return 0;
}
