/* Tables through the shim, as the patched fns.c will use them: the Lisp
   semantics of gethash, puthash, remhash, clrhash, maphash, copy-hash-table
   and pdump, with hashing and tests in C.  */

#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mock_lisp.h"

static void
eq_tables_find_the_very_object (void)
{
  Lisp t = mh_make_table (TEST_EQ, 0, HTS_WEAK_NONE);
  Lisp a = mh_string ("a"), a2 = mh_string ("a");
  mh_root (&t);
  mh_puthash (a, make_fixnum (1), t);
  CHECK_EQ (mh_gethash (a, t, Qnil), make_fixnum (1));
  CHECK_EQ (mh_gethash (a2, t, Qnil), Qnil);
  CHECK_EQ (mh_gethash (make_fixnum (7), t, Qnil), Qnil);
  mh_puthash (make_fixnum (7), a, t);
  CHECK_EQ (mh_gethash (make_fixnum (7), t, Qnil), a);
  CHECK_EQ (mh_count (t), 2);
  CHECK_EQ (mh_size (t), 1 + 1);   /* :size 0 gives 1 slot, grown by 1.5 to 2 */
  mh_remhash (a, t);
  CHECK_EQ (mh_gethash (a, t, Qnil), Qnil);
  CHECK_EQ (mh_count (t), 1);
  mh_unroot (&t);
}

static void
eql_tables_compare_floats_by_bits (void)
{
  Lisp t = mh_make_table (TEST_EQL, 10, HTS_WEAK_NONE);
  mh_puthash (mh_float (1.5), make_fixnum (1), t);
  mh_puthash (mh_float (0.0), make_fixnum (2), t);
  mh_puthash (mh_float (NAN), make_fixnum (3), t);
  CHECK_EQ (mh_gethash (mh_float (1.5), t, Qnil), make_fixnum (1));
  CHECK_EQ (mh_gethash (mh_float (0.0), t, Qnil), make_fixnum (2));
  CHECK_EQ (mh_gethash (mh_float (-0.0), t, Qnil), Qnil);       /* 0.0 is not -0.0 */
  CHECK_EQ (mh_gethash (mh_float (NAN), t, Qnil), make_fixnum (3)); /* same-bit NaNs */
  CHECK_EQ (mh_gethash (mh_string ("x"), t, Qnil), Qnil);
  CHECK_EQ (mh_count (t), 3);
}

static void
equal_tables_compare_structure (void)
{
  Lisp t = mh_make_table (TEST_EQUAL, 10, HTS_WEAK_NONE);
  mh_puthash (mh_string ("abc"), make_fixnum (1), t);
  Lisp list = mh_cons (make_fixnum (1), mh_cons (mh_string ("two"), Qnil));
  mh_puthash (list, make_fixnum (2), t);
  CHECK_EQ (mh_gethash (mh_string ("abc"), t, Qnil), make_fixnum (1));
  Lisp same = mh_cons (make_fixnum (1), mh_cons (mh_string ("two"), Qnil));
  CHECK_EQ (mh_gethash (same, t, Qnil), make_fixnum (2));
  /* puthash on an equal key replaces the value and keeps the original key.  */
  mh_puthash (same, make_fixnum (3), t);
  CHECK_EQ (mh_count (t), 2);
  hts_word k;
  CHECK (hts_get (mh_handle (t), mh_slot_of (same, t), &k, NULL) >= 0);
  CHECK_EQ (k, list);
  mh_remhash (mh_string ("abc"), t);
  CHECK_EQ (mh_count (t), 1);
}

static void
keys_deeper_than_sxhash_looks_share_a_hash_and_still_differ (void)
{
  /* sxhash looks 3 levels deep: these two differ only below that.  */
  Lisp t = mh_make_table (TEST_EQUAL, 10, HTS_WEAK_NONE);
  Lisp deep1 = mh_cons (mh_cons (mh_cons (mh_cons (make_fixnum (1), Qnil), Qnil), Qnil), Qnil);
  Lisp deep2 = mh_cons (mh_cons (mh_cons (mh_cons (make_fixnum (2), Qnil), Qnil), Qnil), Qnil);
  CHECK_EQ (mh_hash (t, deep1), mh_hash (t, deep2));
  mh_puthash (deep1, make_fixnum (1), t);
  mh_puthash (deep2, make_fixnum (2), t);
  CHECK_EQ (mh_count (t), 2);
  CHECK_EQ (mh_gethash (deep1, t, Qnil), make_fixnum (1));
  CHECK_EQ (mh_gethash (deep2, t, Qnil), make_fixnum (2));
}

struct collect { Lisp keys[64]; int n; };

static void
collect_key (Lisp k, Lisp v, void *data)
{
  struct collect *c = data;
  (void) v;
  c->keys[c->n++] = k;
}

static void
maphash_goes_in_slot_order_and_freed_slots_are_reused_lifo (void)
{
  Lisp t = mh_make_table (TEST_EQ, 8, HTS_WEAK_NONE);
  for (int i = 0; i < 6; i++)
    mh_puthash (make_fixnum (i), Qnil, t);
  mh_remhash (make_fixnum (1), t);
  mh_remhash (make_fixnum (4), t);
  mh_puthash (make_fixnum (10), Qnil, t);   /* takes slot 4 */
  mh_puthash (make_fixnum (11), Qnil, t);   /* takes slot 1 */
  struct collect c = { .n = 0 };
  mh_maphash (t, collect_key, &c);
  int64_t expected[] = { 0, 11, 2, 3, 10, 5 };
  CHECK_EQ (c.n, 6);
  for (int i = 0; i < 6; i++)
    CHECK_EQ (c.keys[i], make_fixnum (expected[i]));
}

static void
growth_follows_emacs (void)
{
  Lisp t = mh_make_table (TEST_EQ, 65, HTS_WEAK_NONE);
  for (int i = 0; i < 65; i++)
    mh_puthash (make_fixnum (i), Qnil, t);
  CHECK_EQ (mh_size (t), 65);
  mh_puthash (make_fixnum (65), Qnil, t);
  CHECK_EQ (mh_size (t), 97);
  Lisp u = mh_make_table_full (TEST_EQ, 10, -5.0f, 0.8125f, HTS_WEAK_NONE, NULL);
  for (int i = 0; i < 11; i++)
    mh_puthash (make_fixnum (i), Qnil, u);
  CHECK_EQ (mh_size (u), 15);
}

static void
clrhash_and_copy (void)
{
  Lisp t = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE);
  for (int i = 0; i < 3; i++)
    mh_puthash (make_fixnum (i), make_fixnum (i), t);
  mh_remhash (make_fixnum (0), t);
  Lisp c = mh_copy_table (t);
  mh_clrhash (t);
  CHECK_EQ (mh_count (t), 0);
  CHECK_EQ (mh_count (c), 2);
  mh_puthash (make_fixnum (9), Qnil, c);   /* the copy kept the free list: slot 0 */
  CHECK_EQ (mh_slot_of (make_fixnum (9), c), 0);
  mh_puthash (make_fixnum (9), Qnil, t);   /* cleared: ascending from 0 */
  CHECK_EQ (mh_slot_of (make_fixnum (9), t), 0);
}

static void
a_pdump_round_trip_compacts_in_slot_order (void)
{
  Lisp t = mh_make_table (TEST_EQUAL, 10, HTS_WEAK_NONE);
  const char *names[] = { "a", "b", "c", "d", "e" };
  for (int i = 0; i < 5; i++)
    mh_puthash (mh_string (names[i]), make_fixnum (i), t);
  mh_remhash (mh_string ("b"), t);
  mh_remhash (mh_string ("d"), t);
  Lisp loaded = mh_dump_and_load (t, false);
  CHECK_EQ (mh_size (loaded), 10);
  CHECK_EQ (mh_count (loaded), 3);
  CHECK_EQ (mh_slot_of (mh_string ("a"), loaded), 0);
  CHECK_EQ (mh_slot_of (mh_string ("c"), loaded), 1);
  CHECK_EQ (mh_slot_of (mh_string ("e"), loaded), 2);
  mh_puthash (mh_string ("f"), Qnil, loaded);
  CHECK_EQ (mh_slot_of (mh_string ("f"), loaded), 3);

  Lisp pure = mh_dump_and_load (t, true);
  CHECK_EQ (mh_gethash (mh_string ("e"), pure, Qnil), make_fixnum (4));
  CHECK_EQ (hts_insert (mh_handle (pure), make_fixnum (1), Qnil, 1), HTS_E_ARG);
  CHECK (strstr (hts_error (), "frozen") != NULL);
  CHECK_EQ (hts_clear (mh_handle (pure)), HTS_E_ARG);
  CHECK_EQ (mh_count (pure), 3);

  /* copy-hash-table of a pure table gives a mutable table.  */
  Lisp copy = mh_copy_table (pure);
  mh_puthash (mh_string ("g"), Qnil, copy);
  CHECK_EQ (mh_count (copy), 4);
  CHECK_EQ (mh_slot_of (mh_string ("g"), copy), 3);
  CHECK_EQ (mh_count (pure), 3);
}

/* A user-defined test whose comparison throws, as a Lisp error would.  */
static jmp_buf thrown;
static bool throw_now;

static bool
cmp_mod10 (Lisp a, Lisp b)
{
  if (throw_now)
    longjmp (thrown, 1);
  return fixnum_value (a) % 10 == fixnum_value (b) % 10;
}

static hts_hash
hash_mod10 (Lisp a)
{
  return (hts_hash) (fixnum_value (a) % 10);
}

static void
a_throw_out_of_a_user_test_leaves_the_table_intact (void)
{
  static const struct user_test mod10 = { cmp_mod10, hash_mod10 };
  Lisp t = mh_make_table_full (TEST_USER, 8, 0.5f, 0.8125f, HTS_WEAK_NONE, &mod10);
  mh_puthash (make_fixnum (1), make_fixnum (100), t);
  mh_puthash (make_fixnum (2), make_fixnum (200), t);
  CHECK_EQ (mh_gethash (make_fixnum (11), t, Qnil), make_fixnum (100));
  throw_now = true;
  if (!setjmp (thrown))
    {
      mh_gethash (make_fixnum (21), t, Qnil);
      CHECK (!"the comparison should have thrown");
    }
  throw_now = false;
  CHECK_EQ (mh_count (t), 2);
  CHECK_EQ (mh_gethash (make_fixnum (12), t, Qnil), make_fixnum (200));
  mh_puthash (make_fixnum (3), make_fixnum (300), t);
  CHECK_EQ (mh_count (t), 3);
}

static void
candidates_come_in_chain_order (void)
{
  Lisp t = mh_make_table (TEST_EQUAL, 10, HTS_WEAK_NONE);
  hts_table h = mh_handle (t);
  CHECK_EQ (hts_insert (h, make_fixnum (1), Qnil, 42), 0);
  CHECK_EQ (hts_insert (h, make_fixnum (2), Qnil, 42), 1);
  CHECK_EQ (hts_insert (h, make_fixnum (3), Qnil, 42), 2);
  hts_word c[3 * 4];
  /* All at once: newest first, as the chain has them.  */
  CHECK_EQ (hts_probe_n (h, make_fixnum (9), 42, HTS_NONE, c, 4), 3);
  CHECK (c[0] == 2 && c[1] == make_fixnum (3) && c[2] == Qnil);
  CHECK (c[3] == 1 && c[4] == make_fixnum (2));
  CHECK (c[6] == 0 && c[7] == make_fixnum (1));
  /* One at a time, each after the last.  */
  CHECK_EQ (hts_probe_n (h, make_fixnum (9), 42, HTS_NONE, c, 1), 1);
  CHECK_EQ (c[0], 2);
  CHECK_EQ (hts_probe_n (h, make_fixnum (9), 42, 2, c, 1), 1);
  CHECK_EQ (c[0], 1);
  CHECK_EQ (hts_probe_n (h, make_fixnum (9), 42, 0, c, 1), 0);
  /* A hash no entry has gives no candidates.  */
  CHECK_EQ (hts_probe_n (h, make_fixnum (9), 43, HTS_NONE, c, 4), 0);
  CHECK_EQ (hts_probe_n (h, make_fixnum (9), 42, HTS_NONE, c, 0), HTS_E_ARG);
}

/* puthash on an eq table in one call: replace in place, else insert at
   the free list's head, growing as hash_put does; count and capacity come
   back with it.  */
static void
put_eq_replaces_or_inserts_and_reports_sizes (void)
{
  Lisp t = mh_make_table (TEST_EQ, 2, HTS_WEAK_NONE);
  hts_table h = mh_handle (t);
  int64_t sizes[2];
  CHECK_EQ (hts_put_eq (h, make_fixnum (1), make_fixnum (10), mh_hash (t, make_fixnum (1)), sizes), 0);
  CHECK (sizes[0] == 1 && sizes[1] == 2);
  CHECK_EQ (hts_put_eq (h, make_fixnum (2), make_fixnum (20), mh_hash (t, make_fixnum (2)), sizes), 1);
  CHECK_EQ (hts_put_eq (h, make_fixnum (1), make_fixnum (11), mh_hash (t, make_fixnum (1)), sizes), 0);
  CHECK (sizes[0] == 2 && sizes[1] == 2);
  CHECK_EQ (mh_gethash (make_fixnum (1), t, Qnil), make_fixnum (11));
  /* Full: the third key grows the table first (2 * 1.5 = 3).  */
  CHECK_EQ (hts_put_eq (h, make_fixnum (3), make_fixnum (30), mh_hash (t, make_fixnum (3)), sizes), 2);
  CHECK (sizes[0] == 3 && sizes[1] == mh_size (t));
  CHECK (sizes[1] > 2);
}

/* The batched maphash cursor: live entries from a slot on, as (slot, key,
   value) triples in slot order, holes skipped.  */
static void
next_n_hands_out_live_entries_in_slot_order (void)
{
  Lisp t = mh_make_table (TEST_EQ, 8, HTS_WEAK_NONE);
  for (int i = 0; i < 6; i++)
    mh_puthash (make_fixnum (i), make_fixnum (100 + i), t);
  mh_remhash (make_fixnum (1), t);
  mh_remhash (make_fixnum (4), t);
  hts_word out[3 * 8];
  CHECK_EQ (hts_next_n (mh_handle (t), 0, out, 8), 4);
  int64_t slots[] = { 0, 2, 3, 5 };
  for (int j = 0; j < 4; j++)
    {
      CHECK_EQ (out[3 * j], slots[j]);
      CHECK_EQ (out[3 * j + 1], make_fixnum (slots[j]));
      CHECK_EQ (out[3 * j + 2], make_fixnum (100 + slots[j]));
    }
  CHECK_EQ (hts_next_n (mh_handle (t), 3, out, 1), 1);
  CHECK_EQ (out[0], 3);
  CHECK_EQ (hts_next_n (mh_handle (t), 6, out, 8), 0);
}

static void
bad_arguments_are_error_codes (void)
{
  Lisp t = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE);
  hts_table h = mh_handle (t);
  CHECK_EQ (hts_get (h, 99, NULL, NULL), HTS_E_ARG);
  CHECK_EQ (hts_get (h, 2, NULL, NULL), HTS_NONE);   /* free slot */
  CHECK_EQ (hts_remove (h, 1), HTS_E_ARG);           /* not live */
  CHECK_EQ (hts_insert (h, 8, 8, -1), HTS_E_ARG);    /* negative hash */
  CHECK_EQ (hts_new (4, 0.0f, 0.8f, 0, 0), HTS_E_ARG);
  CHECK_EQ (hts_new (4, 0.5f, 0.8f, 7, 0), HTS_E_ARG);
  CHECK_EQ (hts_count (12345), HTS_E_ARG);
  CHECK (strstr (hts_error (), "no table has handle") != NULL);
  CHECK_EQ (hts_new (INT64_C (1) << 40, 0.5f, 0.8f, 0, 0), HTS_E_TOO_LARGE);
  CHECK (strstr (hts_error (), "Hash table too large") != NULL);
}

static void
all_tests (void)
{
  eq_tables_find_the_very_object ();
  put_eq_replaces_or_inserts_and_reports_sizes ();
  next_n_hands_out_live_entries_in_slot_order ();
  eql_tables_compare_floats_by_bits ();
  equal_tables_compare_structure ();
  keys_deeper_than_sxhash_looks_share_a_hash_and_still_differ ();
  maphash_goes_in_slot_order_and_freed_slots_are_reused_lifo ();
  growth_follows_emacs ();
  clrhash_and_copy ();
  a_pdump_round_trip_compacts_in_slot_order ();
  a_throw_out_of_a_user_test_leaves_the_table_intact ();
  candidates_come_in_chain_order ();
  bad_arguments_are_error_codes ();
}

/* Calls into the store until the backend becomes NAME, for up to 10 s.  */
static bool
backend_becomes (const char *name)
{
  struct hts_stats s;
  for (int i = 0; i < 1000 && strcmp (hts_backend (), name); i++)
    {
      for (int j = 0; j < 1000; j++)
        CHECK_EQ (hts_stats (&s), HTS_OK);
      usleep (1000);
    }
  return !strcmp (hts_backend (), name);
}

int
main (void)
{
  mh_init ();
  /* CTest names the backend this JDK should get (HTS_EXPECT_BACKEND).
     FFM starts on JNI and hands over to its upcall stub once the host has
     made enough calls for it to pay: the tests run on both.  */
  const char *backend = getenv ("HTS_EXPECT_BACKEND");
  CHECK (backend != NULL);
  bool ffm = !strcmp (backend, "ffm");
  CHECK_EQ (strcmp (hts_backend (), ffm ? "jni" : backend), 0);
  all_tests ();
  if (ffm)
    {
      CHECK (backend_becomes ("ffm"));
      all_tests ();
    }
  mh_teardown ();
  struct hts_stats s;
  CHECK_EQ (hts_stats (&s), HTS_OK);
  CHECK_EQ (s.live_tables, 0);
  PASS ("test_tables");
  return 0;
}
