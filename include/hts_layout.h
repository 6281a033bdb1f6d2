/*
** hts_layout.h: a table's entries as C reads them, with no call into Java.
**
** The Java store allocates each table's memory through the shim, lays it
** out as below and is its only writer.  C reads it directly: a lookup, a
** maphash walk or the marking of a strong table is a few loads, in the
** host Emacs's own representation (fns.c), so that hash_lookup's
** algorithm runs unchanged over the store's memory.
**
** Two hosts: Emacs 28.2 and Emacs 30.  A file that includes this header
** defines HTS_HOST as 28 or 30 first; there is no default.  It is the one
** place the version is said: hts_set_host (hts.h) hands it to the store.
** The shim, which serves either host, defines HTS_HOST as 0: it sees
** the struct, with an untyped HASH, and none of the readers.  The hosts
** share the header struct and the walks; they differ in
**                    28.2                          30
**   a slot's hash    int64_t, < 2^62               uint32_t (hash_hash_t)
**   buckets          next_almost_prime (size /     1 << index_bits, the
**                    rehash-threshold)             smallest power of 2 > size
**   a hash's bucket  hash % index_size             knuth_hash (hash, index_bits)
**   a free slot      hash HTS_FREE_HASH            hash as it was
** and the same words where stock has them, since C reads them (28's comp.c
** skips the functions whose value is Qunbound): a free slot's key is
** unused_key (28: Qunbound, 30: HASH_UNUSED_ENTRY_KEY), its value
** unused_key if never used since its table was made or grew, nil once
** removed or cleared, and in 28 nil in a table thawed from the dump.
**
** Rules for readers:
**   - A table's struct hts_layout stays at one address for the table's
**     whole life (from hts_new, hts_copy or hts_import to the sweep or
**     hts_free that drops it): hts_table_layout (hts.h) gives it once.
**   - Its arrays do not: a call that changes the table (hts_insert,
**     hts_remove, hts_clear, a GC's weak removal) may replace them.  Read
**     the array pointers from the header every time, and never keep one
**     across such a call, nor across anything that can run Lisp (a cmpfn,
**     a maphash body) or GC.
**   - A free slot's key and value are what stock would have there (above),
**     so marking every word of KEY_AND_VALUE marks what stock would.
**   - Memory is read under the host's global lock, as every hts call is.
**
** This header needs nothing but <stdint.h> and calls nothing, so that
** a host can give every file the readers (Emacs: lisp.h) and keep the
** store's API (hts.h) to the few files that change tables.
**
** This header is the layout's one definition: Java's TableLayout writes
** the same offsets, and the build checks them against this struct field
** by field (BoundaryTest), so that a field moved on one side fails it.
*/

#ifndef HTS_LAYOUT_H
#define HTS_LAYOUT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int64_t hts_table; /* a table's handle; always > 0 */
typedef int64_t hts_word;  /* the bits of a Lisp_Object */
typedef int64_t hts_hash;  /* a hash as C passes it: 0 <= hash */
typedef int64_t hts_slot;  /* 0 <= slot < size, or HTS_NONE */

#define HTS_NONE (-1) /* no slot: not found, free, end of a walk */

#ifndef HTS_HOST
#error "define HTS_HOST as the host Emacs's major version, 28 or 30"
#endif

#if HTS_HOST == 0
/* The shim, which serves either host, reads only what the hosts share:
   the counts, the words and the chains (weak.c's walk).  */
typedef void hts_hash_slot;
#elif HTS_HOST == 28
/* A slot's hash: 0 <= hash < 2^62, or HTS_FREE_HASH.  */
typedef int64_t hts_hash_slot;
/* The hash of a free slot, which marks it free; real hashes are >= 0.  */
#define HTS_FREE_HASH (-1)
#elif HTS_HOST == 30
/* A slot's hash: Emacs 30's hash_hash_t.  */
typedef uint32_t hts_hash_slot;
#else
#error "HTS_HOST must be 28 or 30"
#endif

struct hts_layout
{
  int64_t count;       /* hash-table-count */
  int64_t size;        /* hash-table-size: slots in the arrays */
  int64_t next_free;   /* head of the free list, or HTS_NONE */
  int64_t index_size;  /* buckets in INDEX */
  int64_t index_bits;  /* 30: index_size is 1 << index_bits; 28: 0 */
  hts_word unused_key; /* a free slot's key: Qunbound, HASH_UNUSED_ENTRY_KEY */
  uint64_t modiff;     /* counts every change to the entries */
  /* KEY_AND_VALUE[2 * i] is slot i's key, [2 * i + 1] its value.  */
  const hts_word *key_and_value;
  const hts_hash_slot *hash; /* by slot; 28: HTS_FREE_HASH if free */
  /* By slot: the next slot in its collision chain, or for a free slot
     the next free one; HTS_NONE ends both.  */
  const int32_t *next;
  const int32_t *index; /* by bucket (hts_bucket): a chain's head */
};

#if HTS_HOST != 0
#if HTS_HOST == 28
/* The bucket of HASH: fns.c's hash % hash_index_size.  */
static inline hts_slot
hts_bucket (const struct hts_layout *l, hts_hash hash)
{
  return hash % l->index_size;
}

static inline int
hts_slot_live_p (const struct hts_layout *l, hts_slot slot)
{
  return l->hash[slot] != HTS_FREE_HASH;
}
#else
/* The bucket of HASH: Emacs 30's knuth_hash (HASH, index_bits), the top
   index_bits bits of a 32-bit product; the widening makes 0 bits work.  */
static inline hts_slot
hts_bucket (const struct hts_layout *l, hts_hash hash)
{
  return (uint64_t) ((uint32_t) hash * 2654435769u) >> (32 - l->index_bits);
}

static inline int
hts_slot_live_p (const struct hts_layout *l, hts_slot slot)
{
  return l->key_and_value[2 * slot] != l->unused_key;
}
#endif

/* The key in SLOT (0 <= SLOT < size); for a free slot, see above.  */
static inline hts_word
hts_key (const struct hts_layout *l, hts_slot slot)
{
  return l->key_and_value[2 * slot];
}

/* The value in SLOT.  */
static inline hts_word
hts_value (const struct hts_layout *l, hts_slot slot)
{
  return l->key_and_value[2 * slot + 1];
}

/* The slot whose key is KEY itself, searched in HASH's chain as
   hash_lookup does for an eq table; or HTS_NONE.  */
static inline hts_slot
hts_lookup_eq (const struct hts_layout *l, hts_word key, hts_hash hash)
{
  const hts_word *kv = l->key_and_value;
  const int32_t *next = l->next;
  for (hts_slot i = l->index[hts_bucket (l, hash)]; i >= 0; i = next[i])
    if (kv[2 * i] == key)
      return i;
  return HTS_NONE;
}

/* hash_lookup's walk for a test with a cmpfn: the next slot in HASH's
   chain, after AFTER (HTS_NONE: from the chain's head), whose key is KEY
   itself or whose hash is HASH; or HTS_NONE.  The caller runs cmpfn on
   each candidate that is not KEY itself, then asks again with it as
   AFTER; since cmpfn may run Lisp, this re-reads the arrays each time.  */
static inline hts_slot
hts_lookup_next (const struct hts_layout *l, hts_word key, hts_hash hash,
                 hts_slot after)
{
  const hts_word *kv = l->key_and_value;
  const hts_hash_slot *h = l->hash;
  const int32_t *next = l->next;
  hts_slot i = after < 0 ? l->index[hts_bucket (l, hash)] : next[after];
  for (; i >= 0; i = next[i])
    if (kv[2 * i] == key || h[i] == hash)
      return i;
  return HTS_NONE;
}

/* Fmaphash's and print's walk: the first live slot at or after FROM, or
   HTS_NONE.  Right whatever changed since the last call: removed entries
   are skipped, later new ones seen, grown slots come at the end.  */
static inline hts_slot
hts_next_live (const struct hts_layout *l, hts_slot from)
{
  for (hts_slot i = from < 0 ? 0 : from; i < l->size; i++)
    if (hts_slot_live_p (l, i))
      return i;
  return HTS_NONE;
}

#endif /* HTS_HOST != 0 */

#ifdef __cplusplus
}
#endif

#endif /* HTS_LAYOUT_H */
