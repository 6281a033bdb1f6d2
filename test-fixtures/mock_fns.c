/* The mock heap's hash tables, done as the patched fns.c will do them:
   hashing and every test but eq in C, the entries in the Java store.  */

#include "mock_heap.h"

#include <stdlib.h>
#include <string.h>

/* ---- hashing (fns.c, simplified but with sxhash's depth and length
   limits, so distinct keys share hashes as in Emacs) ----------------- */

#define SXHASH_MAX_DEPTH 3
#define SXHASH_MAX_LEN   7

static uint64_t
combine (uint64_t x, uint64_t y)
{
  return (x << 4) + (x >> 60) + y;
}

static hts_hash
reduce (uint64_t x)
{
  return (x ^ x >> 2) & INTMASK;
}

static uint64_t
float_bits (Lisp f)
{
  double d = mh_float_value (f);
  uint64_t u;
  memcpy (&u, &d, sizeof u);
  return u;
}

static hts_hash
hash_eq (Lisp key)
{
  return (key ^ (Lisp) tag_of (key)) & INTMASK;
}

static uint64_t
sxhash_obj (Lisp obj, int depth)
{
  if (depth > SXHASH_MAX_DEPTH)
    return 0;
  switch (tag_of (obj))
    {
    case TAG_FIXNUM0:
    case TAG_FIXNUM1:
      return (uint64_t) fixnum_value (obj);
    case TAG_STRING:
      {
        uint64_t h = 0;
        for (const char *p = mh_string_data (obj); *p; p++)
          h = combine (h, (unsigned char) *p);
        return h;
      }
    case TAG_FLOAT:
      return float_bits (obj);
    case TAG_CONS:
      {
        uint64_t h = 0;
        int i = 0;
        for (; tag_of (obj) == TAG_CONS && i < SXHASH_MAX_LEN; i++)
          {
            struct cons *c = (struct cons *) untag (obj);
            h = combine (h, sxhash_obj (c->car, depth + 1));
            obj = c->cdr;
          }
        if (obj != Qnil && i < SXHASH_MAX_LEN)
          h = combine (h, sxhash_obj (obj, depth + 1));
        return h;
      }
    case TAG_VECTORLIKE:
      if (untag (obj)->type == OBJ_VECTOR)
        {
          struct vector *v = (struct vector *) untag (obj);
          uint64_t h = v->size;
          for (size_t i = 0; i < v->size && i < SXHASH_MAX_LEN; i++)
            h = combine (h, sxhash_obj (v->contents[i], depth + 1));
          return h;
        }
      return hash_eq (obj); /* tables hash by address, as in Emacs */
    default:
      return hash_eq (obj);
    }
}

/* ---- equality ------------------------------------------------------- */

bool
mh_eql (Lisp a, Lisp b)
{
  return a == b
         || (tag_of (a) == TAG_FLOAT && tag_of (b) == TAG_FLOAT
             && float_bits (a) == float_bits (b));
}

bool
mh_equal (Lisp a, Lisp b)
{
  for (;;)
    {
      if (a == b)
        return true;
      if (tag_of (a) != tag_of (b))
        return false;
      switch (tag_of (a))
        {
        case TAG_FLOAT:
          return mh_eql (a, b);
        case TAG_STRING:
          return strcmp (mh_string_data (a), mh_string_data (b)) == 0;
        case TAG_CONS:
          {
            struct cons *x = (struct cons *) untag (a),
                        *y = (struct cons *) untag (b);
            if (!mh_equal (x->car, y->car))
              return false;
            a = x->cdr;
            b = y->cdr;
            continue;
          }
        case TAG_VECTORLIKE:
          {
            if (untag (a)->type != OBJ_VECTOR || untag (b)->type != OBJ_VECTOR)
              return false;
            struct vector *x = (struct vector *) untag (a),
                          *y = (struct vector *) untag (b);
            if (x->size != y->size)
              return false;
            for (size_t i = 0; i < x->size; i++)
              if (!mh_equal (x->contents[i], y->contents[i]))
                return false;
            return true;
          }
        default:
          return false;
        }
    }
}

/* ---- tables --------------------------------------------------------- */

static struct table *
xtable (Lisp w)
{
  if (!mh_tablep (w))
    mh_die ("not a hash table");
  return (struct table *) untag (w);
}

bool
mh_tablep (Lisp w)
{
  return tag_of (w) == TAG_VECTORLIKE && untag (w)->type == OBJ_TABLE;
}

hts_table
mh_handle (Lisp table)
{
  return xtable (table)->handle;
}

static Lisp
new_table_object (enum test test, int weakness, float rehash_size,
                  float threshold, const struct user_test *user,
                  struct table **out)
{
  Lisp w;
  struct table *t
      = (struct table *) mh_alloc (sizeof *t, OBJ_TABLE, TAG_VECTORLIKE, &w);
  t->test = test;
  t->weakness = weakness;
  t->rehash_size = rehash_size;
  t->rehash_threshold = threshold;
  t->user = user;
  *out = t;
  return w;
}

/* ---- accounting (the patched fns.c's tally_hash_table_vectors) ------- */

/* The bytes that stock Emacs's arrays for the tables made so far would
   have taken.  Like the patched Emacs, the mock host counts a table's
   entries as stock's four arrays (key_and_value, hash, next, index) from
   the sizes the store publishes in the layout, where stock allocates
   them: making, copying and growing a table count all four, loading a
   dumped one all but key_and_value, which stays in the dump.  In 28.2
   they are vectors, a header word and a word per element; in 30 malloc'd
   arrays of 8-byte words and 4-byte hashes and indices, none for a table
   of size 0 (hash_table_alloc_bytes).  */
static int64_t consed_bytes;

static void
tally_vectors (const struct hts_layout *l, bool key_and_value)
{
#if HTS_HOST == 28
  consed_bytes += 8
                  * ((key_and_value ? 1 + 2 * l->size : 0) + 1 + l->size + 1
                     + l->size + 1 + l->index_size);
#else
  if (l->size > 0)
    consed_bytes += (key_and_value ? 16 * l->size : 0) + 4 * l->size
                    + 4 * l->size + 4 * l->index_size;
#endif
}

int64_t
mh_consed_bytes (void)
{
  return consed_bytes;
}

Lisp
mh_make_table_full (enum test test, int64_t size, float rehash_size,
                    float threshold, int weakness,
                    const struct user_test *user)
{
  struct table *t;
  Lisp w = new_table_object (test, weakness, rehash_size, threshold, user, &t);
  mh_bind (t, mh_check (hts_new (size, rehash_size, threshold, weakness,
                                 (hts_word) w),
                        "hts_new"));
  tally_vectors (t->layout, true);
  return w;
}

Lisp
mh_make_table (enum test test, int64_t size, int weakness)
{
  return mh_make_table_full (test, size, 1.5f - 1, 0.8125f, weakness, NULL);
}

/* A hash as the host keeps it: 28.2's fixnum, or 30's hash_hash_t, folded
   as reduce_emacs_uint_to_hash_hash does.  */
static hts_hash
host_hash (uint64_t x)
{
#if HTS_HOST == 28
  return x;
#else
  return (uint32_t) (x ^ x >> 32);
#endif
}

static hts_hash hash_by_test (struct table *t, Lisp key);

hts_hash
mh_hash (Lisp table, Lisp key)
{
  return host_hash (hash_by_test (xtable (table), key));
}

static hts_hash
hash_by_test (struct table *t, Lisp key)
{
  switch (t->test)
    {
    case TEST_EQ:
      return hash_eq (key);
    case TEST_EQL:
      return tag_of (key) == TAG_FLOAT ? reduce (float_bits (key))
                                       : hash_eq (key);
    case TEST_EQUAL:
      return reduce (sxhash_obj (key, 0));
    default:
      return t->user->hash (key) & INTMASK;
    }
}

static bool
same_key (struct table *t, Lisp key, Lisp stored)
{
  switch (t->test)
    {
    case TEST_EQL:
      return mh_eql (key, stored);
    case TEST_EQUAL:
      return mh_equal (key, stored);
    case TEST_USER:
      return t->user->cmp (key, stored);
    default:
      return false;
    }
}

/* hash_lookup: the slot holding KEY, its hash in *HASH, value in *VALUE.  */
static hts_slot
lookup (struct table *t, Lisp key, hts_hash *hash, Lisp *value)
{
  hts_hash h = mh_hash ((Lisp) (uintptr_t) t | TAG_VECTORLIKE, key);
  if (hash)
    *hash = h;
  const struct hts_layout *l = t->layout;
  hts_slot i;
  if (t->test == TEST_EQ)
    i = hts_lookup_eq (l, key, h);
  else
    /* A user test's comparison may run anything: each step re-reads
       the layout.  */
    for (i = hts_lookup_next (l, key, h, HTS_NONE); i >= 0;
         i = hts_lookup_next (l, key, h, i))
      if ((Lisp) hts_key (l, i) == key || same_key (t, key, hts_key (l, i)))
        break;
  if (i >= 0 && value)
    *value = hts_value (l, i);
  return i;
}

hts_slot
mh_slot_of (Lisp key, Lisp table)
{
  return lookup (xtable (table), key, NULL, NULL);
}

Lisp
mh_gethash (Lisp key, Lisp table, Lisp dflt)
{
  Lisp value;
  return lookup (xtable (table), key, NULL, &value) >= 0 ? value : dflt;
}

void
mh_puthash (Lisp key, Lisp value, Lisp table)
{
  struct table *t = xtable (table);
  hts_hash h;
  hts_slot s = lookup (t, key, &h, NULL);
  if (s >= 0)
    mh_check (hts_set_value (t->handle, s, value), "hts_set_value");
  else
    {
      int64_t size = t->layout->size;
      mh_check (hts_insert (t->handle, key, value, h), "hts_insert");
      if (t->layout->size != size) /* the store grew it */
        tally_vectors (t->layout, true);
    }
}

void
mh_remhash (Lisp key, Lisp table)
{
  struct table *t = xtable (table);
  hts_slot s = lookup (t, key, NULL, NULL);
  if (s >= 0)
    mh_check (hts_remove (t->handle, s), "hts_remove");
}

void
mh_clrhash (Lisp table)
{
  mh_check (hts_clear (xtable (table)->handle), "hts_clear");
}

Lisp
mh_copy_table (Lisp table)
{
  struct table *from = xtable (table), *t;
  Lisp w = new_table_object (from->test, from->weakness, from->rehash_size,
                             from->rehash_threshold, from->user, &t);
  mh_bind (t, mh_check (hts_copy (from->handle, (hts_word) w), "hts_copy"));
  tally_vectors (t->layout, true);
  return w;
}

int64_t
mh_count (Lisp table)
{
  return xtable (table)->layout->count;
}

int64_t
mh_size (Lisp table)
{
  return xtable (table)->layout->size;
}

void
mh_maphash (Lisp table, void (*fn) (Lisp, Lisp, void *), void *data)
{
  /* FN may change the table: each step reads the layout afresh.  */
  const struct hts_layout *l = xtable (table)->layout;
  for (hts_slot s = hts_next_live (l, 0); s >= 0; s = hts_next_live (l, s + 1))
    fn ((Lisp) hts_key (l, s), (Lisp) hts_value (l, s), data);
}

Lisp
mh_dump_and_load (Lisp table, bool pure)
{
  struct table *from = xtable (table), *t;
  int64_t n
      = mh_check (hts_export (from->handle, NULL, NULL, 0), "hts_export");
  hts_word *kv = malloc ((2 * n + 1) * sizeof *kv);
  hts_hash *hashes = malloc ((n + 1) * sizeof *hashes);
  if (!kv || !hashes)
    abort ();
  mh_check (hts_export (from->handle, kv, NULL, n), "hts_export");
  /* After a load, eq hashes (addresses) are recomputed in C.  */
  for (int64_t i = 0; i < n; i++)
    hashes[i] = mh_hash (table, (Lisp) kv[2 * i]);
  Lisp w = new_table_object (from->test, from->weakness, from->rehash_size,
                             from->rehash_threshold, from->user, &t);
  t->pure = pure;
  /* hash_table_thaw: 28.2 keeps the size, 30 leaves no slot free.  */
  int64_t size = HTS_HOST == 28 ? mh_size (table) : n;
  mh_bind (t, mh_check (
                  hts_import (size, from->rehash_size, from->rehash_threshold,
                              from->weakness, kv, hashes, n,
                              HTS_IMPORT_DUMPED | (pure ? HTS_IMPORT_PURE : 0),
                              (hts_word) w),
                  "hts_import"));
  tally_vectors (t->layout, false);
  free (kv);
  free (hashes);
  return w;
}
