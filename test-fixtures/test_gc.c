/* Garbage collection across the C heap and the Java store: reachability,
   tables inside tables, the four weaknesses, and Java roots.  */

#include "check.h"
#include "hts_layout.h"
#include "mock_lisp.h"

/* Tables the registry holds.  */
static int64_t
live_java_tables (void)
{
  struct hts_stats s;
  CHECK_EQ (hts_stats (&s), HTS_OK);
  return s.live_tables;
}

/* The registry's size once garbage left by earlier cases is collected.  */
static int64_t
baseline (void)
{
  mh_gc ();
  return live_java_tables ();
}

static void
reachable_tables_survive_and_unreachable_ones_go_on_both_sides (void)
{
  int64_t base = baseline ();
  Lisp kept = mh_make_table (TEST_EQUAL, 10, HTS_WEAK_NONE);
  mh_root (&kept);
  Lisp key = mh_string ("key"), value = mh_cons (mh_string ("v"), Qnil);
  mh_puthash (key, value, kept);
  hts_table dropped = mh_handle (mh_make_table (TEST_EQ, 10, HTS_WEAK_NONE));
  size_t objects = mh_live_objects ();
  CHECK_EQ (live_java_tables (), base + 2);

  mh_gc ();
  CHECK (mh_alive (kept));
  CHECK (mh_alive (key) && mh_alive (value) && mh_alive (mh_car (value)));
  CHECK_EQ (mh_live_objects (), objects - 1); /* the dropped table object */
  CHECK_EQ (live_java_tables (), base + 1);
  CHECK (hts_table_layout (dropped) == NULL); /* its handle is gone */
  CHECK_EQ (mh_gethash (mh_string ("key"), kept, Qnil), value);
  struct hts_stats s;
  CHECK_EQ (hts_stats (&s), HTS_OK);
  CHECK_EQ (s.dropped_last_gc, 1);
  CHECK_EQ (s.live_tables, base + 1);
  CHECK (s.gcs >= 1 && s.dropped_total >= s.dropped_last_gc);
  CHECK (s.native_bytes > 0);
  CHECK (s.jvm_heap_used > 0 && s.jvm_heap_used <= s.jvm_heap_committed);
  mh_unroot (&kept);
}

static void
tables_that_hold_each_other_live_and_die_together (void)
{
  int64_t base = baseline ();
  Lisp a = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE);
  Lisp b = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE);
  mh_puthash (b, a, a);                                   /* a: b -> a */
  mh_puthash (a, b, b);                                   /* b: a -> b */
  Lisp inner = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE); /* only in a table */
  mh_puthash (make_fixnum (1), inner, b);
  mh_puthash (make_fixnum (1), mh_string ("deep"), inner);
  mh_root (&a);
  mh_gc ();
  mh_gc ();
  CHECK (mh_alive (a) && mh_alive (b) && mh_alive (inner));
  CHECK_EQ (mh_count (inner), 1);
  CHECK_EQ (live_java_tables (), base + 3);
  mh_unroot (&a);
  mh_gc ();
  CHECK_EQ (live_java_tables (), base);
}

static void
weak_tables_drop_entries_by_their_rule (void)
{
  static const int kinds[] = { HTS_WEAK_KEY, HTS_WEAK_VALUE,
                               HTS_WEAK_KEY_OR_VALUE, HTS_WEAK_KEY_AND_VALUE };
  /* Entries: (reachable key, reachable value), (key only), (value only), (neither). */
  static const int64_t expected_count[] = { 2, 2, 3, 1 };
  for (int k = 0; k < 4; k++)
    {
      Lisp t = mh_make_table (TEST_EQ, 8, kinds[k]);
      Lisp anchor = mh_vector (4, Qnil); /* what keeps the reachable halves */
      mh_root (&t);
      mh_root (&anchor);
      Lisp keys[4], values[4];
      for (int i = 0; i < 4; i++)
        {
          keys[i] = mh_cons (make_fixnum (i), Qnil);
          values[i] = mh_cons (make_fixnum (10 + i), Qnil);
          mh_puthash (keys[i], values[i], t);
        }
      mh_vector_set (anchor, 0, keys[0]);
      mh_vector_set (anchor, 1, values[0]);
      mh_vector_set (anchor, 2, keys[1]);
      mh_vector_set (anchor, 3, values[2]);
      mh_gc ();
      CHECK_EQ (mh_count (t), expected_count[k]);
      /* A kept entry keeps both halves: nothing in the table dangles.  */
      const struct hts_layout *l = hts_table_layout (mh_handle (t));
      for (hts_slot s = hts_next_live (l, 0); s >= 0;
           s = hts_next_live (l, s + 1))
        CHECK (mh_alive (hts_key (l, s)) && mh_alive (hts_value (l, s)));
      mh_unroot (&anchor);
      mh_unroot (&t);
    }
}

static void
a_chain_of_weak_tables_is_followed_to_the_fixpoint (void)
{
  /* Key-weak tables where each entry's value is the next table's key: only
     marking to a fixpoint keeps the whole chain.  Only the first link and
     the tables are rooted; the tables are rooted last-first, so the later
     ones are visited first and find their keys unmarked.  */
  enum
  {
    N = 8
  };
  Lisp tables = mh_vector (N, Qnil);
  Lisp ts[N], links[N + 1];
  links[0] = mh_cons (make_fixnum (0), Qnil);
  mh_root (&tables);
  mh_root (&links[0]);
  for (int i = 0; i < N; i++)
    {
      ts[i] = mh_make_table (TEST_EQ, 4, HTS_WEAK_KEY);
      mh_vector_set (tables, N - 1 - i, ts[i]);
      links[i + 1] = mh_cons (make_fixnum (i + 1), Qnil);
      mh_puthash (links[i], links[i + 1], ts[i]);
      /* Unreachable key: goes.  */
      mh_puthash (mh_cons (Qnil, Qnil), Qnil, ts[i]);
    }
  mh_gc ();
  for (int i = 0; i <= N; i++)
    CHECK (mh_alive (links[i]));
  for (int i = 0; i < N; i++)
    {
      CHECK_EQ (mh_count (ts[i]), 1);
      CHECK_EQ (mh_gethash (links[i], ts[i], Qnil), links[i + 1]);
    }
  /* Cut the chain at its start: every entry goes.  */
  mh_unroot (&links[0]);
  mh_gc ();
  for (int i = 0; i < N; i++)
    CHECK_EQ (mh_count (ts[i]), 0);
  mh_unroot (&tables);
}

static void
a_weak_table_reached_only_through_another_weak_tables_value_joins (void)
{
  /* OUTER (key-weak) holds K -> INNER; INNER (value-weak) holds 1 -> V.
     INNER is reached only while marking OUTER's kept entry: it joins the
     fixpoint then, and its entry follows its own rule.  */
  Lisp outer = mh_make_table (TEST_EQ, 4, HTS_WEAK_KEY);
  Lisp inner = mh_make_table (TEST_EQ, 4, HTS_WEAK_VALUE);
  Lisp k = mh_cons (Qnil, Qnil), v = mh_cons (Qnil, Qnil);
  mh_puthash (k, inner, outer);
  mh_puthash (make_fixnum (1), v, inner);
  mh_root (&outer);
  mh_root (&k);
  mh_root (&v);
  mh_gc ();
  CHECK (mh_alive (inner));
  CHECK_EQ (mh_count (inner), 1);
  mh_unroot (&v);
  mh_gc ();
  CHECK_EQ (mh_count (inner), 0); /* its value died */
  CHECK_EQ (mh_count (outer), 1);
  mh_unroot (&k);
  mh_gc ();
  CHECK_EQ (mh_count (outer), 0);
  CHECK (!mh_alive (inner));
  mh_unroot (&outer);
}

/* The slots of L's live entries in sweep order (bucket by bucket, along
   each chain) into OUT; returns how many.  */
static int
sweep_order (const struct hts_layout *l, hts_slot *out)
{
  int n = 0;
  for (int64_t b = 0; b < l->index_size; b++)
    for (int32_t i = l->index[b]; i >= 0; i = l->next[i])
      out[n++] = i;
  return n;
}

static void
weak_removal_frees_slots_in_stocks_order (void)
{
  /* sweep_weak_table frees dead slots walking buckets 0..n-1 and each
     chain, pushing each on the free list: where the next puthash lands
     follows that order.  */
  enum
  {
    N = 40
  };
  Lisp t = mh_make_table (TEST_EQ, 64, HTS_WEAK_KEY);
  Lisp keep = mh_vector (N, Qnil);
  mh_root (&t);
  mh_root (&keep);
  Lisp keys[N];
  for (int i = 0; i < N; i++)
    {
      keys[i] = mh_cons (make_fixnum (i), Qnil);
      mh_puthash (keys[i], make_fixnum (i), t);
      if (i % 3 == 0)
        mh_vector_set (keep, i, keys[i]);
    }
  mh_remhash (keys[1], t); /* a free list not in slot order */
  mh_remhash (keys[7], t);
  const struct hts_layout *l = hts_table_layout (mh_handle (t));
  hts_slot order[N], expected[64];
  int live = sweep_order (l, order), n = 0;
  for (int j = live - 1; j >= 0; j--)
    {
      Lisp key = hts_key (l, order[j]);
      if (fixnum_value (mh_car (key)) % 3 != 0)
        expected[n++] = order[j]; /* the last freed is the head */
    }
  for (hts_slot f = l->next_free; f >= 0; f = l->next[f])
    expected[n++] = f;
  CHECK_EQ (n, 64 - N / 3 - 1);
  mh_gc ();
  CHECK_EQ (mh_count (t), N / 3 + 1);
  int m = 0;
  for (hts_slot f = l->next_free; f >= 0; f = l->next[f], m++)
    CHECK_EQ (f, expected[m]);
  CHECK_EQ (m, n);
  mh_unroot (&keep);
  mh_unroot (&t);
}

static void
java_roots_keep_a_table_and_its_entries (void)
{
  int64_t base = baseline ();
  Lisp t = mh_make_table (TEST_EQUAL, 4, HTS_WEAK_NONE);
  Lisp v = mh_string ("held by Java");
  mh_puthash (make_fixnum (1), v, t);
  CHECK_EQ (hts_test_hook (HTS_TEST_ROOT, mh_handle (t)), HTS_OK);
  const hts_word *words;
  CHECK_EQ (hts_roots (&words), 1);
  CHECK_EQ (words[0], t);
  mh_gc ();
  CHECK (mh_alive (t) && mh_alive (v));
  CHECK_EQ (mh_gethash (make_fixnum (1), t, Qnil), v);
  CHECK_EQ (live_java_tables (), base + 1);
  CHECK_EQ (hts_test_hook (HTS_TEST_UNROOT, 0), HTS_OK);
  CHECK_EQ (hts_roots (&words), 0);
  mh_gc ();
  CHECK_EQ (live_java_tables (), base);
}

static void
callbacks_survive_a_java_gc (void)
{
  Lisp t = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE);
  mh_root (&t);
  CHECK_EQ (hts_test_hook (HTS_TEST_JAVA_GC, 0), HTS_OK);
  mh_puthash (make_fixnum (5), make_fixnum (6), t);
  CHECK_EQ (mh_gethash (make_fixnum (5), t, Qnil), make_fixnum (6));
  mh_unroot (&t);
}

int
main (void)
{
  mh_init ();
  reachable_tables_survive_and_unreachable_ones_go_on_both_sides ();
  tables_that_hold_each_other_live_and_die_together ();
  weak_tables_drop_entries_by_their_rule ();
  a_chain_of_weak_tables_is_followed_to_the_fixpoint ();
  a_weak_table_reached_only_through_another_weak_tables_value_joins ();
  weak_removal_frees_slots_in_stocks_order ();
  java_roots_keep_a_table_and_its_entries ();
  callbacks_survive_a_java_gc ();
  mh_teardown ();
  CHECK_EQ (live_java_tables (), 0);
  PASS ("test_gc");
  return 0;
}
