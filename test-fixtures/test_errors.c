/* Java exceptions never cross into C: they come back as codes, with a
   one-line message, and the store stays usable.  */

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mock_lisp.h"

int
main (void)
{
  /* Table memory is capped for this test (ShimBlocks).  */
  setenv ("HTS_TEST_MEMORY_LIMIT", "67108864", 1);
  mh_init ();
  Lisp t = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE);
  mh_root (&t);
  mh_puthash (make_fixnum (1), make_fixnum (10), t);
  hts_table h = mh_handle (t);

  /* An exception injected into an entry point.  */
  CHECK_EQ (hts_test_hook (HTS_TEST_FAIL_NEXT, 0), HTS_OK);
  CHECK_EQ (hts_clear (h), HTS_E_INTERNAL);
  CHECK (strstr (hts_error (), "internal error") != NULL);
  CHECK (strstr (hts_error (), "RuntimeException: injected") != NULL);
  CHECK (strchr (hts_error (), '\n') == NULL);
  CHECK_EQ (mh_count (t), 1);

  /* An injected OutOfMemoryError, in the middle of a puthash.  */
  CHECK_EQ (hts_test_hook (HTS_TEST_FAIL_NEXT, 1), HTS_OK);
  CHECK_EQ (hts_insert (h, make_fixnum (2), make_fixnum (20), 2),
            HTS_E_MEMORY);
  CHECK_EQ (mh_count (t), 1);
  CHECK_EQ (mh_gethash (make_fixnum (1), t, Qnil), make_fixnum (10));

  /* Memory running out: a table bigger than the 64 MiB the test allows,
     then one too big for any layout.  */
  CHECK_EQ (hts_new (INT64_C (1) << 22, 0.5f, 0.8125f, HTS_WEAK_NONE, 0),
            HTS_E_MEMORY);
  CHECK (strstr (hts_error (), "HTS_TEST_MEMORY_LIMIT") != NULL);
  CHECK_EQ (hts_new (INT64_C (1) << 28, 0.5f, 0.8125f, HTS_WEAK_NONE, 0),
            HTS_E_TOO_LARGE);
  mh_puthash (make_fixnum (3), make_fixnum (30), t);
  CHECK_EQ (mh_count (t), 2);
  mh_gc ();
  CHECK_EQ (mh_gethash (make_fixnum (3), t, Qnil), make_fixnum (30));

  /* Handles that name nothing.  */
  CHECK_EQ (hts_free (h + ((int64_t) 1 << 32)), HTS_E_ARG);
  CHECK_EQ (hts_test_hook (999, 0), HTS_E_ARG);
  CHECK (strstr (hts_error (), "unknown test hook") != NULL);
  mh_teardown ();
  PASS ("test_errors");
  return 0;
}
