/* A small mock Lisp heap, for testing the shim without building Emacs.

   Words are tagged as in Emacs (USE_LSB_TAG): the low 3 bits give the
   type, fixnums use tags 2 and 6 and hold the value in the upper 62 bits.
   Objects are malloc'd and linked for the sweep.  Symbols are immortal, as
   builtin symbols are.  A hash table object is a vectorlike holding a
   handle and its layout; its entries live in memory the Java store owns.

   The collector is alloc.c's in miniature: roots, an explicit mark stack,
   a strong table's entries marked from its layout, the weak phases,
   hts_sweep with the tables marked, then the sweep of its own objects.
   The table functions are fns.c's in miniature: hashes and eql/equal/user
   tests in C, reads from the layout, one shim call per change.  */

#ifndef MOCK_LISP_H
#define MOCK_LISP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hts.h"

typedef uint64_t Lisp;

enum tag
{
  TAG_SYMBOL = 0,
  TAG_FIXNUM0 = 2,
  TAG_CONS = 3,
  TAG_STRING = 4,
  TAG_VECTORLIKE = 5,
  TAG_FIXNUM1 = 6,
  TAG_FLOAT = 7
};

enum test
{
  TEST_EQ,
  TEST_EQL,
  TEST_EQUAL,
  TEST_USER
};

/* A C-only "user-defined" test: what define-hash-table-test gives, with C
   functions standing in for the Lisp ones.  They may longjmp, as a Lisp
   error or throw would.  */
struct user_test
{
  bool (*cmp) (Lisp a, Lisp b);
  hts_hash (*hash) (Lisp a);
};

#define INTMASK ((UINT64_C (1) << 62) - 1)

/* Emacs 30's HASH_UNUSED_ENTRY_KEY: a float at address 0, the key of
   every free slot when the mock host is Emacs 30 (HTS_HOST).  */
#define MH_UNUSED_KEY ((Lisp) TAG_FLOAT)

static inline int
tag_of (Lisp w)
{
  return (int) (w & 7);
}
static inline bool
fixnump (Lisp w)
{
  return (w & 3) == 2;
}
static inline Lisp
make_fixnum (int64_t n)
{
  return ((uint64_t) n << 2) | 2;
}
static inline int64_t
fixnum_value (Lisp w)
{
  return (int64_t) w >> 2;
}

extern Lisp Qnil;

/* Allocation.  */
Lisp mh_cons (Lisp car, Lisp cdr);
Lisp mh_string (const char *s);
Lisp mh_float (double d);
Lisp mh_symbol (const char *name); /* immortal */
Lisp mh_vector (size_t n, Lisp init);
void mh_vector_set (Lisp v, size_t i, Lisp x);
Lisp mh_car (Lisp c);
double mh_float_value (Lisp f);
const char *mh_string_data (Lisp s);

/* Hash tables.  REHASH_SIZE and THRESHOLD in the struct's encoding;
   mh_make_table uses Emacs's defaults (65, 1.5, 0.8125).  */
Lisp mh_make_table (enum test test, int64_t size, int weakness);
Lisp mh_make_table_full (enum test test, int64_t size, float rehash_size,
                         float threshold, int weakness,
                         const struct user_test *user);
bool mh_tablep (Lisp w);
hts_table mh_handle (Lisp table);
Lisp mh_gethash (Lisp key, Lisp table, Lisp dflt);
void mh_puthash (Lisp key, Lisp value, Lisp table);
void mh_remhash (Lisp key, Lisp table);
void mh_clrhash (Lisp table);
Lisp mh_copy_table (Lisp table);
int64_t mh_count (Lisp table);
int64_t mh_size (Lisp table);
/* maphash: calls FN on each entry in slot order, as Fmaphash.  */
void mh_maphash (Lisp table, void (*fn) (Lisp key, Lisp value, void *),
                 void *);
/* The slot holding KEY, or -1.  */
hts_slot mh_slot_of (Lisp key, Lisp table);
/* pdump round trip: export in slot order, import compacted (PURE: as a
   purecopied table).  */
Lisp mh_dump_and_load (Lisp table, bool pure);
hts_hash mh_hash (Lisp table, Lisp key);
/* The bytes stock Emacs would have allocated for the entries of the
   tables made, copied and grown so far (28.2: its four vectors; 30: its
   four arrays): what the host counts toward GC.  */
int64_t mh_consed_bytes (void);

/* Equality, as Feql and Fequal.  */
bool mh_eql (Lisp a, Lisp b);
bool mh_equal (Lisp a, Lisp b);

/* Roots (staticpro) and the collector.  */
void mh_root (Lisp *place);
void mh_unroot (Lisp *place);
void mh_gc (void);
/* Whether W names a live object (immortals always do).  Exact only until
   the next allocation, which may reuse a freed address.  */
bool mh_alive (Lisp w);
size_t mh_live_objects (void);
size_t mh_live_tables (void);
/* Frees every object and drops every table: a clean exit for leak checks. */
void mh_teardown (void);

/* Start the shim for a test; aborts with hts_error () on failure.  */
void mh_init (void);

#endif
