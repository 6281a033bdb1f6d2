/* Tables through the shim, as the patched fns.c will use them: the Lisp
   semantics of gethash, puthash, remhash, clrhash, maphash, copy-hash-table
   and pdump, with hashing and tests in C.  Built once per host: HTS_HOST
   28 (test_tables) and 30 (test_tables30); where the hosts differ, each
   case says what each does.  */

#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "hts_layout.h"
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
#if HTS_HOST == 28
  CHECK_EQ (mh_size (t), 1 + 1); /* :size 0 gives 1 slot, grown by 1.5 to 2 */
#else
  CHECK_EQ (mh_size (t), 6);   /* :size 0 has none; the first key grows it */
#endif
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
  CHECK_EQ (mh_gethash (mh_float (-0.0), t, Qnil), Qnil); /* 0.0 is not -0.0 */
  /* Same-bit NaNs.  */
  CHECK_EQ (mh_gethash (mh_float (NAN), t, Qnil), make_fixnum (3));
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
  CHECK_EQ (hts_key (hts_table_layout (mh_handle (t)), mh_slot_of (same, t)),
            list);
  mh_remhash (mh_string ("abc"), t);
  CHECK_EQ (mh_count (t), 1);
}

static void
keys_deeper_than_sxhash_looks_share_a_hash_and_still_differ (void)
{
  /* sxhash looks 3 levels deep: these two differ only below that.  */
  Lisp t = mh_make_table (TEST_EQUAL, 10, HTS_WEAK_NONE);
  Lisp deep1 = mh_cons (
      mh_cons (mh_cons (mh_cons (make_fixnum (1), Qnil), Qnil), Qnil), Qnil);
  Lisp deep2 = mh_cons (
      mh_cons (mh_cons (mh_cons (make_fixnum (2), Qnil), Qnil), Qnil), Qnil);
  CHECK_EQ (mh_hash (t, deep1), mh_hash (t, deep2));
  mh_puthash (deep1, make_fixnum (1), t);
  mh_puthash (deep2, make_fixnum (2), t);
  CHECK_EQ (mh_count (t), 2);
  CHECK_EQ (mh_gethash (deep1, t, Qnil), make_fixnum (1));
  CHECK_EQ (mh_gethash (deep2, t, Qnil), make_fixnum (2));
}

struct collect
{
  Lisp keys[64];
  int n;
};

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
  mh_puthash (make_fixnum (10), Qnil, t); /* takes slot 4 */
  mh_puthash (make_fixnum (11), Qnil, t); /* takes slot 1 */
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
  Lisp u
      = mh_make_table_full (TEST_EQ, 10, -5.0f, 0.8125f, HTS_WEAK_NONE, NULL);
  for (int i = 0; i < 11; i++)
    mh_puthash (make_fixnum (i), Qnil, u);
#if HTS_HOST == 28
  CHECK_EQ (mh_size (t), 97); /* by rehash-size 1.5 */
  CHECK_EQ (mh_size (u), 15); /* by rehash-size 5 */
#else
  CHECK_EQ (mh_size (t), 130); /* past 64: doubled */
  CHECK_EQ (mh_size (u), 40);  /* up to 64: times 4, rehash-size ignored */
  CHECK_EQ (hts_table_layout (mh_handle (u))->index_bits, 6);
#endif
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
  /* The copy kept the free list: slot 0.  */
  mh_puthash (make_fixnum (9), Qnil, c);
  CHECK_EQ (mh_slot_of (make_fixnum (9), c), 0);
  mh_puthash (make_fixnum (9), Qnil, t); /* cleared: ascending from 0 */
  CHECK_EQ (mh_slot_of (make_fixnum (9), t), 0);
}

static void
a_new_tables_layout_comes_with_it_and_goes_with_it (void)
{
  /* The store hands back the layout of the table it just made, so that
     asking for it costs no call; it must be the layout the call gives.  */
  hts_table t = hts_new (8, 1.5f, 0.8125f, HTS_WEAK_NONE, 0);
  CHECK (t > 0);
  const struct hts_layout *l = hts_table_layout (t);
  CHECK (l != NULL && l->size == 8 && l->count == 0);
  hts_table c = hts_copy (t, 0);
  CHECK (c > 0);
  const struct hts_layout *lc = hts_table_layout (c);
  CHECK (lc != NULL && lc != l && lc->size == 8);
  CHECK (hts_table_layout (t) == l); /* asked of the store */
  hts_word kv[2] = { make_fixnum (1), make_fixnum (2) };
  hts_hash h = 1;
  hts_table i = hts_import (4, 1.5f, 0.8125f, HTS_WEAK_NONE, kv, &h, 1, 0, 0);
  CHECK (i > 0);
  const struct hts_layout *li = hts_table_layout (i);
  CHECK (li != NULL && li->count == 1 && hts_key (li, 0) == kv[0]);
  /* Dropped, the table made last has no layout, whichever way it went.  */
  CHECK_EQ (hts_free (i), HTS_OK);
  CHECK (hts_table_layout (i) == NULL);
  CHECK_EQ (hts_free (c), HTS_OK);
  CHECK (hts_table_layout (c) == NULL);
  /* A failed make answers for nothing: T's layout now comes from the
     store, and its own copy's handle was never made.  */
  hts_table u = hts_new (8, 1.5f, 0.8125f, HTS_WEAK_NONE, 0);
  CHECK_EQ (hts_copy (c, 0), HTS_E_ARG);
  CHECK (hts_table_layout (u) != NULL && hts_table_layout (t) == l);
  CHECK_EQ (hts_free (u), HTS_OK);
  CHECK_EQ (hts_free (t), HTS_OK);
  CHECK (hts_table_layout (t) == NULL);
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
  /* 28.2 keeps the size; 30's is the count.  */
  CHECK_EQ (mh_size (loaded), HTS_HOST == 28 ? 10 : 3);
  CHECK_EQ (mh_count (loaded), 3);
  CHECK_EQ (mh_slot_of (mh_string ("a"), loaded), 0);
  CHECK_EQ (mh_slot_of (mh_string ("c"), loaded), 1);
  CHECK_EQ (mh_slot_of (mh_string ("e"), loaded), 2);
#if HTS_HOST == 28
  /* The free slots hold what pdumper dumped there: the unused key, and
     nil where a new table's never-used slot holds the unused key.  */
  const struct hts_layout *l = hts_table_layout (mh_handle (loaded));
  CHECK (hts_key (l, 3) == MH_UNUSED_KEY && hts_value (l, 3) == 0);
#endif
  mh_puthash (mh_string ("f"), Qnil, loaded);
  CHECK_EQ (mh_slot_of (mh_string ("f"), loaded), 3);

  Lisp pure = mh_dump_and_load (t, true);
  CHECK_EQ (mh_gethash (mh_string ("e"), pure, Qnil), make_fixnum (4));
  CHECK_EQ (hts_insert (mh_handle (pure), make_fixnum (1), Qnil, 1),
            HTS_E_ARG);
  CHECK (strstr (hts_error (), "pure") != NULL);
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
  Lisp t = mh_make_table_full (TEST_USER, 8, 0.5f, 0.8125f, HTS_WEAK_NONE,
                               &mod10);
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
  const struct hts_layout *l = hts_table_layout (h);
  /* Newest first, as the chain has them, each after the last.  */
  CHECK_EQ (hts_lookup_next (l, make_fixnum (9), 42, HTS_NONE), 2);
  CHECK_EQ (hts_key (l, 2), make_fixnum (3));
  CHECK_EQ (hts_value (l, 2), Qnil);
  CHECK_EQ (hts_lookup_next (l, make_fixnum (9), 42, 2), 1);
  CHECK_EQ (hts_lookup_next (l, make_fixnum (9), 42, 1), 0);
  CHECK_EQ (hts_lookup_next (l, make_fixnum (9), 42, 0), HTS_NONE);
  /* The key itself is a candidate whatever its hash: eq before the hash.  */
  CHECK_EQ (hts_lookup_next (l, make_fixnum (2), 43 + 13 * 1000, HTS_NONE),
            HTS_NONE);
  CHECK_EQ (hts_lookup_eq (l, make_fixnum (2), 42), 1);
  /* A hash no entry has gives no candidates.  */
  CHECK_EQ (hts_lookup_next (l, make_fixnum (9), 43, HTS_NONE), HTS_NONE);
}

/* puthash on an eq table: C finds the key in the layout, then sets its
   value in place, or inserts at the free list's head, growing as
   hash_put does; the layout's header shows count, capacity, free list
   and change counter at once.  */
static void
puthash_replaces_or_inserts_and_the_header_follows (void)
{
  Lisp t = mh_make_table (TEST_EQ, 2, HTS_WEAK_NONE);
  hts_table h = mh_handle (t);
  const struct hts_layout *l = hts_table_layout (h);
  uint64_t modiff = l->modiff;
  mh_puthash (make_fixnum (1), make_fixnum (10), t);
  CHECK (l->count == 1 && l->size == 2 && l->next_free == 1);
  CHECK_EQ (l->unused_key, MH_UNUSED_KEY);
  mh_puthash (make_fixnum (2), make_fixnum (20), t);
  mh_puthash (make_fixnum (1), make_fixnum (11), t);
  CHECK_EQ (mh_slot_of (make_fixnum (1), t), 0);
  CHECK_EQ (mh_slot_of (make_fixnum (2), t), 1);
  CHECK (l->count == 2 && l->size == 2 && l->next_free == HTS_NONE);
  CHECK (l->modiff >= modiff + 3);
  CHECK_EQ (mh_gethash (make_fixnum (1), t, Qnil), make_fixnum (11));
  /* Full: the third key grows the table first, in new arrays that the
     same header now points to.  */
  const hts_word *old_kv = l->key_and_value;
  mh_puthash (make_fixnum (3), make_fixnum (30), t);
  CHECK_EQ (mh_slot_of (make_fixnum (3), t), 2);
  CHECK (l->count == 3 && l->key_and_value != old_kv);
#if HTS_HOST == 28
  CHECK_EQ (l->size, 3);        /* 2 * 1.5 */
  CHECK_EQ (l->index_size, 11); /* hash_index_size: next_almost_prime (3) */
  CHECK_EQ (l->index_bits, 0);
#else
  CHECK_EQ (l->size, 24); /* base max (2, 6), times 4 */
  CHECK (l->index_size == 32 && l->index_bits == 5);
  for (int k = 4; k <= 24; k++) /* fills it */
    mh_puthash (make_fixnum (k), make_fixnum (10 * k), t);
#endif
  CHECK_EQ (hts_table_layout (h), l);
  /* remhash: found in the layout, then removed; its slot heads the free
     list.  A key not there changes nothing.  */
  modiff = l->modiff;
  int64_t count = l->count;
  mh_remhash (make_fixnum (99), t);
  CHECK (l->modiff == modiff && l->count == count && l->next_free == HTS_NONE);
  mh_remhash (make_fixnum (2), t);
  CHECK (l->count == count - 1 && l->next_free == 1);
  CHECK_EQ (mh_slot_of (make_fixnum (2), t), HTS_NONE);
}

/* maphash's walk: live slots in slot order, holes skipped; free slots
   hold what stock's do.  */
static void
the_slot_walk_visits_live_entries_in_slot_order (void)
{
  Lisp t = mh_make_table (TEST_EQ, 8, HTS_WEAK_NONE);
  for (int i = 0; i < 6; i++)
    mh_puthash (make_fixnum (i), make_fixnum (100 + i), t);
  mh_remhash (make_fixnum (1), t);
  mh_remhash (make_fixnum (4), t);
  const struct hts_layout *l = hts_table_layout (mh_handle (t));
  int64_t slots[] = { 0, 2, 3, 5 };
  hts_slot s = hts_next_live (l, 0);
  for (int j = 0; j < 4; j++, s = hts_next_live (l, s + 1))
    {
      CHECK_EQ (s, slots[j]);
      CHECK_EQ (hts_key (l, s), make_fixnum (slots[j]));
      CHECK_EQ (hts_value (l, s), make_fixnum (100 + slots[j]));
    }
  CHECK_EQ (s, HTS_NONE);
  CHECK_EQ (hts_next_live (l, 3), 3);
  CHECK_EQ (hts_next_live (l, 6), HTS_NONE);
  CHECK (!hts_slot_live_p (l, 4));
  /* Stock's words: the unused key (Qunbound in 28), nil once used, and
     the unused key as value while never used.  */
  CHECK (hts_key (l, 4) == MH_UNUSED_KEY && hts_value (l, 4) == 0);
  CHECK (hts_key (l, 7) == MH_UNUSED_KEY && hts_value (l, 7) == MH_UNUSED_KEY);
#if HTS_HOST == 28
  CHECK_EQ (l->hash[4], HTS_FREE_HASH);
#else
  CHECK_EQ (l->hash[4], mh_hash (t, make_fixnum (4))); /* as it was */
#endif
}

static void
bad_arguments_are_error_codes (void)
{
  Lisp t = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE);
  hts_table h = mh_handle (t);
  CHECK_EQ (hts_set_value (h, 99, 8), HTS_E_ARG);
  CHECK_EQ (hts_set_value (h, 2, 8), HTS_E_ARG);  /* free slot */
  CHECK_EQ (hts_remove (h, 1), HTS_E_ARG);        /* not live */
  CHECK_EQ (hts_insert (h, 8, 8, -1), HTS_E_ARG); /* negative hash */
#if HTS_HOST == 28
  CHECK_EQ (hts_new (4, 0.0f, 0.8f, 0, 0), HTS_E_ARG);
#else
  CHECK_EQ (hts_insert (h, 8, 8, INT64_C (1) << 32), HTS_E_ARG); /* 33 bits */
  hts_table ignored = hts_new (4, 0.0f, 0.8f, 0, 0); /* 30 ignores them */
  CHECK (ignored > 0);
  CHECK_EQ (hts_free (ignored), HTS_OK);
#endif
  /* The host is chosen: the same choice again is harmless, another is
     refused.  */
  CHECK_EQ (hts_set_host (MH_UNUSED_KEY), HTS_OK);
  CHECK_EQ (hts__set_host (HTS_HOST == 28 ? 30 : 28, MH_UNUSED_KEY),
            HTS_E_ARG);
  CHECK (strstr (hts_error (), "already serves Emacs") != NULL);
  CHECK_EQ (hts_set_host (MH_UNUSED_KEY + 8), HTS_E_ARG);
  CHECK_EQ (hts_new (4, 0.5f, 0.8f, 7, 0), HTS_E_ARG);
  CHECK (hts_table_layout (12345) == NULL);
  CHECK (strstr (hts_error (), "no table has handle") != NULL);
  CHECK_EQ (hts_new (INT64_C (1) << 40, 0.5f, 0.8f, 0, 0), HTS_E_TOO_LARGE);
  CHECK (strstr (hts_error (), "Hash table too large") != NULL);
}

static void
count_nothing (Lisp key, Lisp value, void *data)
{
  (void) key, (void) value, (void) data;
}

#if HTS_HOST == 28
/* The host counts a table's entries toward GC as the four vectors stock
   Emacs 28.2 would allocate, a header word and their elements each:
   key_and_value (2N), hash (N), next (N) and index.  Making, copying and
   growing a table count, and loading a dumped one all but key_and_value;
   reading, changing and emptying it do not.  */
static void
a_table_counts_as_stock_s_vectors (void)
{
  int64_t before = mh_consed_bytes ();
  /* :size 65 (the default): index next_almost_prime (65 / 0.8125) = 83.  */
  Lisp t = mh_make_table (TEST_EQL, 65, HTS_WEAK_NONE);
  mh_root (&t);
  CHECK_EQ (mh_consed_bytes () - before, 8 * (4 + 4 * 65 + 83));
  before = mh_consed_bytes ();
  for (int i = 0; i < 65; i++)
    mh_puthash (make_fixnum (i), make_fixnum (i), t);
  mh_puthash (make_fixnum (0), make_fixnum (-1), t); /* sets a value */
  CHECK_EQ (mh_gethash (make_fixnum (3), t, Qnil), make_fixnum (3));
  CHECK_EQ (mh_gethash (make_fixnum (99), t, Qnil), Qnil);
  mh_maphash (t, count_nothing, NULL);
  CHECK_EQ (mh_consed_bytes () - before, 0);
  /* The 66th key grows it to 97 slots; index 121.  */
  mh_puthash (make_fixnum (65), make_fixnum (65), t);
  CHECK_EQ (mh_size (t), 97);
  CHECK_EQ (mh_consed_bytes () - before, 8 * (4 + 4 * 97 + 121));
  before = mh_consed_bytes ();
  mh_remhash (make_fixnum (1), t);
  mh_puthash (make_fixnum (1), make_fixnum (1), t); /* reuses the slot */
  Lisp copy = mh_copy_table (t);
  CHECK_EQ (mh_consed_bytes () - before, 8 * (4 + 4 * 97 + 121));
  before = mh_consed_bytes ();
  mh_clrhash (copy);
  CHECK_EQ (mh_consed_bytes () - before, 0);
  /* A dump's load allocates hash, next and index; key_and_value stays
     in the dump.  */
  Lisp loaded = mh_dump_and_load (t, false);
  CHECK_EQ (mh_count (loaded), 66);
  CHECK_EQ (mh_consed_bytes () - before, 8 * (3 + 2 * 97 + 121));
  before = mh_consed_bytes ();
  /* An integer rehash-size adds that many slots: 10 slots, index 23,
     then 15 slots, index 31 (threshold 0.5).  */
  Lisp u = mh_make_table_full (TEST_EQ, 10, -5, 0.5f, HTS_WEAK_NONE, NULL);
  CHECK_EQ (mh_consed_bytes () - before, 8 * (4 + 4 * 10 + 23));
  before = mh_consed_bytes ();
  for (int i = 0; i < 11; i++)
    mh_puthash (make_fixnum (i), Qnil, u);
  CHECK_EQ (mh_consed_bytes () - before, 8 * (4 + 4 * 15 + 31));
  mh_unroot (&t);
}
#else
/* Emacs 30 counts a table's four arrays as hash_table_alloc_bytes
   allocates them: 16 bytes a slot for key_and_value, 4 for hash and for
   next, 4 a bucket; nothing for a table of size 0, which shares a static
   index.  As in 28.2, making, copying and growing count, loading a
   dumped table all but key_and_value; reading and emptying do not.  */
static void
a_table_counts_as_stock_s_arrays (void)
{
  int64_t before = mh_consed_bytes ();
  Lisp empty = mh_make_table (TEST_EQL, 0, HTS_WEAK_NONE);
  CHECK_EQ (mh_consed_bytes () - before, 0);
  mh_puthash (make_fixnum (1), Qnil, empty); /* 0 grows to 6, index 8 */
  CHECK_EQ (mh_consed_bytes () - before, 24 * 6 + 4 * 8);
  before = mh_consed_bytes ();
  Lisp t = mh_make_table (TEST_EQL, 65, HTS_WEAK_NONE);
  mh_root (&t);
  CHECK_EQ (mh_consed_bytes () - before, 24 * 65 + 4 * 128);
  before = mh_consed_bytes ();
  for (int i = 0; i < 65; i++)
    mh_puthash (make_fixnum (i), make_fixnum (i), t);
  mh_puthash (make_fixnum (0), make_fixnum (-1), t);
  mh_maphash (t, count_nothing, NULL);
  CHECK_EQ (mh_consed_bytes () - before, 0);
  mh_puthash (make_fixnum (65), make_fixnum (65), t); /* 130, index 256 */
  CHECK_EQ (mh_consed_bytes () - before, 24 * 130 + 4 * 256);
  before = mh_consed_bytes ();
  Lisp copy = mh_copy_table (t);
  CHECK_EQ (mh_consed_bytes () - before, 24 * 130 + 4 * 256);
  before = mh_consed_bytes ();
  mh_clrhash (copy);
  CHECK_EQ (mh_consed_bytes () - before, 0);
  /* Thawed: 66 slots, index 128, key_and_value in the dump.  */
  Lisp loaded = mh_dump_and_load (t, false);
  CHECK_EQ (mh_size (loaded), 66);
  CHECK_EQ (mh_consed_bytes () - before, 8 * 66 + 4 * 128);
  mh_unroot (&t);
}
#endif

static void
all_tests (void)
{
  eq_tables_find_the_very_object ();
  puthash_replaces_or_inserts_and_the_header_follows ();
  the_slot_walk_visits_live_entries_in_slot_order ();
  eql_tables_compare_floats_by_bits ();
  equal_tables_compare_structure ();
  keys_deeper_than_sxhash_looks_share_a_hash_and_still_differ ();
  maphash_goes_in_slot_order_and_freed_slots_are_reused_lifo ();
  growth_follows_emacs ();
  clrhash_and_copy ();
  a_new_tables_layout_comes_with_it_and_goes_with_it ();
  a_pdump_round_trip_compacts_in_slot_order ();
  a_throw_out_of_a_user_test_leaves_the_table_intact ();
  candidates_come_in_chain_order ();
  bad_arguments_are_error_codes ();
#if HTS_HOST == 28
  a_table_counts_as_stock_s_vectors ();
#else
  a_table_counts_as_stock_s_arrays ();
#endif
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
