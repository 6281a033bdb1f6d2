/* Emacs's side of the store that holds hash tables' entries.

This file is part of GNU Emacs.

GNU Emacs is free software: you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation, either version 3 of the License, or (at
your option) any later version.

GNU Emacs is distributed in the hope that it will be useful,
but WITHOUT ANY WARRANTY; without even the implied warranty of
MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
GNU General Public License for more details.

You should have received a copy of the GNU General Public License
along with GNU Emacs.  If not, see <https://www.gnu.org/licenses/>.  */

/* The entries of hash tables live in a store in a JVM (hts.h of
   emacs-hts), which alone writes them; C reads them in place
   (hts_layout.h).  This file starts the store, turns its errors into
   Lisp's, puts tables into it, and does its part of a GC; fns.c,
   alloc.c and pdumper.c call it where stock changes or collects a
   table's arrays.  It is the same in every Emacs the store serves:
   what differs by version is the policy just below.  */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "lisp.h"
#include "hashstore.h"

/* What differs between the Emacs versions: how a table keeps its
   size, weakness and growth, how a key is hashed, and where a dumped
   table keeps its entries until it enters the store.  */

#if HTS_HOST == 28

/* The word stock puts in a free slot's key and a never-used slot's
   value; comp.c skips the functions whose value is Qunbound.  */
# define UNUSED_ENTRY_KEY Qunbound

int
hash_store_weakness (const struct Lisp_Hash_Table *h)
{
  return (NILP (h->weak) ? HTS_WEAK_NONE
	  : EQ (h->weak, Qkey) ? HTS_WEAK_KEY
	  : EQ (h->weak, Qvalue) ? HTS_WEAK_VALUE
	  : EQ (h->weak, Qkey_or_value) ? HTS_WEAK_KEY_OR_VALUE
	  : HTS_WEAK_KEY_AND_VALUE);
}

static ptrdiff_t
table_size (const struct Lisp_Hash_Table *h)
{
  return h->size;
}

static float
table_rehash_size (const struct Lisp_Hash_Table *h)
{
  return h->rehash_size;
}

static float
table_rehash_threshold (const struct Lisp_Hash_Table *h)
{
  return h->rehash_threshold;
}

static hts_hash
key_hash (struct Lisp_Hash_Table *h, Lisp_Object key)
{
  return XUFIXNUM (h->test.hashfn (key, h));
}

static Lisp_Object
table_object (struct Lisp_Hash_Table *h)
{
  Lisp_Object table;
  XSET_HASH_TABLE (table, h);
  return table;
}

/* A dumped table's entries, in the store now.  */
static void
forget_dumped_entries (struct Lisp_Hash_Table *h)
{
  h->frozen = Qnil;
}

#elif HTS_HOST == 30

# define UNUSED_ENTRY_KEY HASH_UNUSED_ENTRY_KEY

/* The store numbers weaknesses as Emacs 30 does.  */
verify ((int) HTS_WEAK_NONE == Weak_None && (int) HTS_WEAK_KEY == Weak_Key
	&& (int) HTS_WEAK_VALUE == Weak_Value
	&& (int) HTS_WEAK_KEY_OR_VALUE == Weak_Key_Or_Value
	&& (int) HTS_WEAK_KEY_AND_VALUE == Weak_Key_And_Value);

int
hash_store_weakness (const struct Lisp_Hash_Table *h)
{
  return h->weakness;
}

static ptrdiff_t
table_size (const struct Lisp_Hash_Table *h)
{
  return h->table_size;
}

/* Emacs 30 grows every table alike; the store ignores these.  */
static float
table_rehash_size (const struct Lisp_Hash_Table *h)
{
  return 0;
}

static float
table_rehash_threshold (const struct Lisp_Hash_Table *h)
{
  return 0;
}

static hts_hash
key_hash (struct Lisp_Hash_Table *h, Lisp_Object key)
{
  return hash_from_key (h, key);
}

static Lisp_Object
table_object (struct Lisp_Hash_Table *h)
{
  return make_lisp_hash_table (h);
}

static void
forget_dumped_entries (struct Lisp_Hash_Table *h)
{
  h->key_and_value = NULL;
  h->count = 0;
}

#else
# error "hashstore.c serves Emacs 28 and 30 (HTS_HOST)"
#endif


/* Starting, and errors.  */

/* How the store sees the heap in a GC's weak phases.  */

static void
store_survives (const hts_word *words, size_t n, unsigned char *out)
{
  for (size_t i = 0; i < n; i++)
    out[i] = survives_gc_p (XIL (words[i]));
}

static void
store_mark (const hts_word *words, size_t n)
{
  for (size_t i = 0; i < n; i++)
    mark_object (XIL (words[i]));
}

static const struct hts_heap store_heap = { store_survives, store_mark };

/* Tell the store which Emacs it serves and show it Emacs's heap.  The
   store itself starts when a table is first used (as pdumper loads, or
   the initial frame's faces are made).  */

void
init_hash_table_store (void)
{
  if (hts_set_host (XLI (UNUSED_ENTRY_KEY)) != HTS_OK)
    hash_store_unavailable ();
  hts_set_heap (&store_heap);
}

/* The store cannot work without its JVM: say why in one line, and
   fail.  */

void
hash_store_unavailable (void)
{
  fprintf (stderr, "emacs: %s\n", hts_error ());
  exit (EXIT_FAILURE);
}

int64_t
hash_store_check (int64_t rc)
{
  if (rc < HTS_NONE)
    hash_store_error (rc);
  return rc;
}

/* Signal the error the store reported as CODE, with its message.  */

AVOID
hash_store_error (int64_t code)
{
  if (code == HTS_E_MEMORY)
    memory_full (SIZE_MAX);
  if (code == HTS_E_TOO_LARGE)
    error ("Hash table too large");
  if (code == HTS_E_JVM)
    hash_store_unavailable ();
  error ("Hash table store: %s", hts_error ());
}


/* Putting tables into the store.  */

/* H's entries are now the store's table HANDLE: keep it and its
   layout, through which C reads them.  */

void
hash_table_set_handle (struct Lisp_Hash_Table *h, hts_table handle)
{
  const struct hts_layout *l = hts_table_layout (handle);
  if (!l)
    hash_store_error (HTS_E_ARG);
  h->handle = handle;
  h->layout = l;
  forget_dumped_entries (h);
}

/* Put H, not in the store yet, into it with the N keys and values in KV
   (key, value, key, value...) at slots 0..N-1 and free slots up to its
   size, as N hash_put calls of distinct keys would: C hashes the keys
   in one batch (with H's own hash function: eq hashes are addresses),
   the store takes them in one call.  FLAGS are hts_import's.  */

void
hash_table_import (struct Lisp_Hash_Table *h, const Lisp_Object *kv,
		   ptrdiff_t n, int flags)
{
  eassert (!h->handle && n <= table_size (h));
  USE_SAFE_ALLOCA;
  hts_hash *hashes;
  SAFE_NALLOCA (hashes, 1, n);
  for (ptrdiff_t i = 0; i < n; i++)
    hashes[i] = key_hash (h, kv[2 * i]);
  hash_table_set_handle (h, hash_store_check
			 (hts_import (table_size (h), table_rehash_size (h),
				      table_rehash_threshold (h),
				      hash_store_weakness (h),
				      (const hts_word *) kv, hashes, n, flags,
				      XLI (table_object (h)))));
  SAFE_FREE ();
}

/* The dumped weak tables with entries.  Dumped objects never move.  */
static struct Lisp_Hash_Table **dumped_weak_tables;
static ptrdiff_t dumped_weak_tables_count;

/* Dumped tables enter the store when first used (thaw_hash_table), and
   weak ones with entries at the latest before the next GC: which of
   those entries a GC keeps is the store's business.  */

void
hash_store_note_dumped_weak (struct Lisp_Hash_Table *h)
{
  dumped_weak_tables = xrealloc (dumped_weak_tables,
				 ((dumped_weak_tables_count + 1)
				  * sizeof *dumped_weak_tables));
  dumped_weak_tables[dumped_weak_tables_count++] = h;
}

void
hash_store_thaw_dumped_weak (void)
{
  for (; dumped_weak_tables_count > 0; dumped_weak_tables_count--)
    hash_table_handle (dumped_weak_tables[dumped_weak_tables_count - 1]);
}


/* The store's part in a GC.  */

/* The store must not fail during GC: there is no way to signal.  */

static int64_t
gc_store_check (int64_t rc)
{
  if (rc == HTS_E_JVM)
    hash_store_unavailable ();
  if (rc < HTS_NONE)
    {
      fprintf (stderr, "emacs: hash table store failed during GC: %s\n",
	       hts_error ());
      emacs_abort ();
    }
  return rc;
}

/* The handles of the tables in the store marked in this GC, which
   hash_store_sweep hands the store in one call; and a scratch batch of
   weak ones.  Plain malloc: a GC cannot signal.  */
static hts_table *marked_tables, *weak_batch;
static ptrdiff_t marked_tables_count, marked_tables_size, weak_batch_size;

static void
remember_table (hts_table **list, ptrdiff_t *size, ptrdiff_t n,
		hts_table handle)
{
  if (n == *size)
    {
      ptrdiff_t grown = max (2 * *size, 1024);
      hts_table *p = realloc (*list, grown * sizeof *p);
      if (!p)
	emacs_abort ();
      *list = p;
      *size = grown;
    }
  (*list)[n] = handle;
}

/* Tables and words Java code holds across a possible GC (its Rooted
   objects); none in Emacs's own use, but the store's contract.  Marking
   may call the store, whose buffer the words are, so copy them
   first.  */

void
mark_hash_table_store_roots (void)
{
  const hts_word *words;
  ptrdiff_t n = gc_store_check (hts_roots (&words));
  if (n == 0)
    return;
  Lisp_Object *copy = malloc (n * sizeof *copy);
  if (!copy)
    emacs_abort ();
  memcpy (copy, words, n * sizeof *copy);
  mark_objects (copy, n);
  free (copy);
}

/* The table HANDLE was marked in this GC: the store keeps it.  */

void
hash_store_note_marked (hts_table handle)
{
  remember_table (&marked_tables, &marked_tables_size, marked_tables_count++,
		  handle);
}

/* The weak tables marked so far are listed from *WEAK_TABLES along
   their next_weak.  The store marks the halves of their kept entries
   until nothing more is marked (value-weak table A holding X -> Y,
   with Y a key in key-weak table B, needs this).  The shim reads their
   layouts itself: each pass calls survives_gc_p once for the entries of
   all the tables, and mark_object once for what they keep, with no Java
   frame on the stack.  Weak tables that this marking
   reaches join in a round of their own, until a round reaches none.
   Then it removes the dead entries, freeing their slots in stock's
   order, and the list is emptied.  */

void
hash_store_sweep_weak (struct Lisp_Hash_Table **weak_tables)
{
  if (!*weak_tables)
    return;
  for (struct Lisp_Hash_Table *seen = NULL; *weak_tables != seen; )
    {
      struct Lisp_Hash_Table *head = *weak_tables;
      ptrdiff_t n = 0;
      for (struct Lisp_Hash_Table *h = head; h != seen; h = h->next_weak)
	remember_table (&weak_batch, &weak_batch_size, n++, h->handle);
      seen = head;
      gc_store_check (hts_weak_mark (weak_batch, n));
    }
  gc_store_check (hts_weak_remove ());

  while (*weak_tables)
    {
      struct Lisp_Hash_Table *h = *weak_tables;
      *weak_tables = h->next_weak;
      h->next_weak = NULL;
    }
}

/* The store drops every table not marked in this GC, before
   sweep_vectors frees their objects.  */

void
hash_store_sweep (void)
{
  gc_store_check (hts_sweep (marked_tables, marked_tables_count));
  marked_tables_count = 0;
}


DEFUN ("internal--hash-table-store-stats", Finternal__hash_table_store_stats,
       Sinternal__hash_table_store_stats, 0, 0, 0,
       doc: /* Return the figures of the store that holds hash tables' entries.
The value is a plist:
  :live-tables         tables the store holds, pure ones included
  :live-entries        entries in all of them
  :weak-tables         of those tables, the weak ones
  :pure-tables         of those tables, the purecopied ones, never swept
  :native-bytes        bytes of memory the tables take, index and headers too
  :gcs                 garbage collections the store has taken part in
  :dropped-last-gc     tables the last garbage collection dropped
  :dropped-total       tables dropped so far, by collections and frees
  :jvm-heap-used       bytes of the Java heap in use
  :jvm-heap-committed  bytes of memory committed to the Java heap.  */)
  (void)
{
  struct hts_stats s;
  if (hts_stats (&s) != HTS_OK)
    error ("Hash table store: %s", hts_error ());

  /* hts.h lists the fields with their labels, in order.  */
  Lisp_Object plist = Qnil;
#define PUSH_FIELD(field, label)				\
  plist = Fcons (make_int (s.field),				\
		 Fcons (intern_c_string (":" label), plist));
  HTS_STATS_FIELDS (PUSH_FIELD)
#undef PUSH_FIELD
  return Fnreverse (plist);
}

void
syms_of_hashstore (void)
{
  defsubr (&Sinternal__hash_table_store_stats);
}
