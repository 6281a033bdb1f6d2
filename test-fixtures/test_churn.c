/* A million tables made and dropped, weak and strong, with a GC every
   10,000: the registry must come back to its baseline and memory must stay
   flat.  The JVM runs with a small heap, so a leak in the store would end
   in OutOfMemoryError long before the end.  */

#include <unistd.h>

#include "check.h"
#include "mock_lisp.h"

static long
rss_kb (void)
{
  long pages = 0, resident = 0;
  FILE *f = fopen ("/proc/self/statm", "r");
  if (!f || fscanf (f, "%ld %ld", &pages, &resident) != 2)
    abort ();
  fclose (f);
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static int64_t
live_tables (void)
{
  struct hts_stats s;
  CHECK_EQ (hts_stats (&s), HTS_OK);
  return s.live_tables;
}

int
main (int argc, char **argv)
{
  long n = argc > 1 ? atol (argv[1]) : 1000000;
  mh_init ();
  Lisp keeper = mh_make_table (TEST_EQ, 16, HTS_WEAK_NONE);
  mh_root (&keeper);
  mh_gc ();
  int64_t baseline = live_tables ();
  long rss_early = 0;
  struct hts_stats before;
  hts_stats (&before);

  for (long i = 0; i < n; i++)
    {
      Lisp t = mh_make_table (TEST_EQ, 1, (int) (i % 5));
      mh_puthash (make_fixnum (i), make_fixnum (i), t);
      if (i % 1000 == 0)
        mh_puthash (make_fixnum (i), t, keeper); /* some live a while */
      if ((i + 1) % 10000 == 0)
        {
          mh_clrhash (keeper);
          mh_gc ();
          CHECK_EQ (live_tables (), baseline);
        }
      if (i + 1 == n / 5)
        rss_early = rss_kb ();
    }
  mh_gc ();
  long rss_late = rss_kb ();
  struct hts_stats after;
  hts_stats (&after);

  CHECK_EQ (live_tables (), baseline);
  CHECK_EQ (after.dropped_total - before.dropped_total, n);
  CHECK_EQ (mh_live_tables (), 1);
  printf (
      "test_churn: %ld tables made and dropped; registry %" PRId64
      " -> %" PRId64
      " tables; RSS %ld KiB after %ld tables, %ld KiB at the end (%+ld KiB)\n",
      n, baseline, live_tables (), rss_early, n / 5, rss_late,
      rss_late - rss_early);
  /* Flat: the last four fifths of the run grew RSS by less than 32 MiB.  */
  CHECK (rss_late - rss_early < 32 * 1024);
  mh_teardown ();
  PASS ("test_churn");
  return 0;
}
