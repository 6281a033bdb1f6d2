/*
** hts.h: Emacs hash tables whose entries live in a JVM.
**
** A table is named by a handle.  Its entries (key, value, and the hash C
** computed for the key) live in native memory that the Java store
** allocates, lays out with the host Emacs's exact slot semantics (see
** docs/design.md) and alone changes.  C reads them directly, with no call:
** hts_layout.h declares the layout and the readers (lookup, slot walk,
** keys and values).  Every change is one call into the store.  The store
** never hashes, never compares keys except for identity, and never calls
** back into Lisp: C computes hashes and runs every test other than eq.
**
** Conventions:
**   - Keys and values are the raw bits of a Lisp_Object (hts_word).
**   - Hashes are non-negative: below 2^62 under Emacs 28 (XUFIXNUM of its
**     hash), below 2^32 under 30 (its hash_hash_t).
**   - Functions returning a handle, a slot or a count return a negative
**     HTS_E_* code on error; functions returning int return HTS_OK or one.
**     hts_error () then describes the error in one line.
**   - HTS_NONE (-1) is "no slot": not found, free, or end of iteration.
**   - No function longjmps, and none runs Lisp.  Java exceptions never
**     cross: they come back as codes.
**   - Like Emacs's heap, tables are used under the host's global lock,
**     one thread at a time; any thread may be that thread.
**
** There is no hts_stop: JNI lets a process create one JVM only, and Emacs
** exits without tearing it down.  There is no hts_grow: as in Emacs, a
** table grows only inside hts_insert, when no slot is free.
*/

#ifndef HTS_H
#define HTS_H

#include <stddef.h>
#include <stdint.h>

#include "hts_layout.h" /* hts_table, hts_word, hts_hash, hts_slot, HTS_NONE */

#ifdef __cplusplus
extern "C" {
#endif

#define HTS_OK          0
#define HTS_E_ARG       (-2) /* bad handle, slot or parameter */
#define HTS_E_TOO_LARGE (-3) /* "Hash table too large" */
#define HTS_E_MEMORY    (-4) /* no C memory or Java heap: memory-full */
#define HTS_E_JVM       (-5) /* no JVM: hts_init failed or was not called */
#define HTS_E_INTERNAL  (-6) /* any other Java exception: a bug */

/* :weakness, as stored in the table. */
enum hts_weakness
{
  HTS_WEAK_NONE,
  HTS_WEAK_KEY,
  HTS_WEAK_VALUE,
  HTS_WEAK_KEY_OR_VALUE,
  HTS_WEAK_KEY_AND_VALUE
};

/* The last error on this thread, as one line; "" if none. */
const char *hts_error (void);

/*
** Starting.
*/

/* Start the JVM and the Java store.  Calling it again is harmless; so is
   not calling it: the first call that needs the store starts it, on the
   calling thread (Emacs: the first table to be filled, as pdumper loads).
   Returns HTS_OK, or HTS_E_JVM with the reason in hts_error () (no JVM
   found, JVM refused to start, Java side missing); a start that failed
   fails every later call, on any thread, with that reason.  Some failures
   (a heap too small to start in) HotSpot finds too late to return: it
   exits the process with status 1, after the shim has printed the same
   reason as one line on stderr, after the program's name
   (program_invocation_short_name): "emacs: hts: ...".  It reads the
   environment:
     HTS_JAVA_HOME or JAVA_HOME  the JDK or JRE whose lib/server/libjvm.so
                                 is loaded (default: the one built against);
     HTS_CLASSPATH               the class path (default: the built jars);
     HTS_JVM_OPTS                extra JVM options, separated by spaces;
     HTS_TIMING                  if set (and not "0"), a line on stderr per
                                 step of the start, with its wall and CPU ms.
   The JVM always gets -Xrs, so SIGINT, SIGTERM, SIGHUP and SIGQUIT stay the
   host's, and -XX:+DisablePrimordialThreadGuardPages, so that a host
   that recurses deeply in C on its main thread keeps its whole stack;
   _JAVA_SR_SIGNUM defaults to 40, so SIGUSR2 stays the host's too.  A
   host that installs a SIGSEGV handler must link the JDK's libjsig.so
   first (see docs/design.md).  */
int hts_init (void);

/* Tell the store which Emacs it serves: HTS_HOST, the version the
   calling file read the layout as (hts_layout.h), so that the two cannot
   differ.  It decides how tables are sized, grown and bucketed, how wide
   a stored hash is and how a free slot looks.  UNUSED_KEY is the bits of
   the word stock puts in a free slot's key, and in a never-used slot's
   value: 28's Qunbound, 30's HASH_UNUSED_ENTRY_KEY.  Call it before the
   store starts (hts_init or the first call that needs it), which fails
   with HTS_E_JVM if it was never called; later, it returns HTS_E_ARG
   unless it repeats the choice made.  */
#define hts_set_host(unused_key) hts__set_host (HTS_HOST, (unused_key))
int hts__set_host (int version, hts_word unused_key);

/* Attach the calling thread to the JVM, once, for all later calls.  Calls
   from an unattached thread attach it themselves; this only moves the cost
   (tens of microseconds) to a time of the host's choosing.  Not from a
   signal handler.  */
int hts_attach_thread (void);

/* The name of the backend calls go through now: "jna", "ffm" or "jni".
   FFM starts on JNI ("jni"): its upcall stub costs other threads 60-76 ms
   of CPU, which a short-lived host would spend in vain, so a Java thread
   makes it after the host's 10,000th call, and "ffm" comes from the call
   that first goes through the stub; a host that makes 30,000 calls
   before then waits for it.  */
const char *hts_backend (void);

/*
** Tables.  OWNER is the Lisp word of the table's C object: what the store
** hands back for C to mark when Java roots the table.
*/

/* make_hash_table: a table of SIZE slots, all free, ascending (under 28,
   a SIZE of 0 gives 1).  REHASH_SIZE and REHASH_THRESHOLD use 28.2's
   struct Lisp_Hash_Table encoding: -N for an integer rehash-size N,
   factor - 1 for a float one; the threshold in (0, 1].  Emacs 30 ignores
   them.  WEAKNESS is an enum hts_weakness.  */
hts_table hts_new (int64_t size, float rehash_size, float rehash_threshold,
                   int weakness, hts_word owner);

/* copy-hash-table: same slots, free list and chains, in memory of its
   own; the copy of a pure table is mutable.  */
hts_table hts_copy (hts_table, hts_word owner);

/* A table's layout (hts_layout.h), through which C reads its entries;
   the pointer is valid until the table is dropped.  NULL if HANDLE is not
   a table (see hts_error).  Costs one call, once per table; none for the
   table made last (by hts_new, hts_copy or hts_import), whose layout the
   store handed back with its handle.  */
const struct hts_layout *hts_table_layout (hts_table handle);

/* Drop a table now, outside a sweep.  Its handle becomes invalid.  */
int hts_free (hts_table);

/* clrhash.  Does nothing to an empty table, so its free list keeps its
   order, as in stock.  */
int hts_clear (hts_table);

/*
** Changing entries.  A slot number is stable while its entry lives; it is
** reused last-in first-out after removal.  A table grows only inside
** hts_insert, when no slot is free, as maybe_resize_hash_table would;
** growth replaces the table's arrays (hts_layout.h).  Reads are
** hts_layout.h's, with no call: puthash and remhash look the key up
** there, then make one of these calls.
*/

/* hash_put: store a new entry in the head of the free list, growing first
   if there is none.  The caller has checked that KEY is absent.  */
hts_slot hts_insert (hts_table, hts_word key, hts_word value, hts_hash hash);

/* Remove the entry in SLOT; the slot becomes the head of the free list.  */
int hts_remove (hts_table, hts_slot);

int hts_set_value (hts_table, hts_slot, hts_word value);

/*
** Bulk: pdumper and purecopy.
*/

/* Copy the live entries, in slot order, into KV (key, value, key, value...)
   and HASHES (either may be NULL), at most MAX entries.  Returns the number
   of live entries, which may exceed MAX (then only MAX were copied).  */
int64_t hts_export (hts_table, hts_word *kv, hts_hash *hashes, int64_t max);

#define HTS_IMPORT_PURE   1 /* purecopied: immutable, never swept */
#define HTS_IMPORT_DUMPED 2 /* thawed: free slots as the dump left them */

/* A table of SIZE slots holding the N entries of KV and HASHES in slots
   0..N-1, free slots N.. ascending, chained as hash_table_thaw does.  The
   free slots were never used (a table read from its printed form, a
   pure one), or with HTS_IMPORT_DUMPED hold what pdumper left in them
   (28: nil values; 30 thaws no free slot).  With HTS_IMPORT_PURE, the
   table is pure: readable, never mutable, never swept; a copy of it is
   mutable.  */
hts_table hts_import (int64_t size, float rehash_size, float rehash_threshold,
                      int weakness, const hts_word *kv, const hts_hash *hashes,
                      int64_t n, int flags, hts_word owner);

/*
** Garbage collection.  One GC, in alloc.c's order:
**   1. mark the host's roots and the words hts_roots gives;
**   2. mark_object on a strong table marks its keys and values straight
**      from its layout (every word of key_and_value: free slots hold
**      what stock's do), and remembers the table's handle; a weak table's handle goes to a
**      list of its own;
**   3. hts_weak_mark with the weak tables marked so far, again with any
**      that its marking reached, until there are none new; then, with
**      nothing marked in between, hts_weak_remove;
**   4. gc_sweep, before sweep_vectors frees the dead objects, calls
**      hts_sweep with every handle marked, which drops (and frees the
**      memory of) every other table, unless Java roots it or it is pure.
** Steps 1 and 4 cost one call each, step 2 none.  Step 3 runs in the
** shim, in C: it reads the weak tables' layouts, asks the heap which words
** survive and marks what kept entries need, once per pass over all of them,
** as stock's sweep_weak_table would, to the fixpoint.  It costs one call per
** hts_weak_mark (the store learns the tables are marked, the shim their
** layouts) and, if entries died, one for hts_weak_remove.
*/

struct hts_heap
{
  /* For each of N words, OUT[i] = 1 if it is marked in this GC or can never
     die (survives_gc_p), else 0.  */
  void (*survives) (const hts_word *words, size_t n, unsigned char *out);
  /* mark_object on each of N words.  It may mark more tables.  */
  void (*mark) (const hts_word *words, size_t n);
};

/* The heap the weak phases query; its callbacks run with no Java frame
   on the stack.  HEAP must stay valid.  */
void hts_set_heap (const struct hts_heap *heap);

/* The words of every open Java root, to be marked in the root phase.  The
   buffer in *WORDS is valid until the next hts_roots.  */
int64_t hts_roots (const hts_word **words);

/* The N weak TABLES join this GC's weak tables (again is harmless); then
   mark the halves of kept weak entries to a fixpoint over all of them,
   through the heap's survives and mark.  TABLES is read before anything
   is marked, so the caller may grow it meanwhile.  */
int hts_weak_mark (const hts_table *tables, int64_t n);

/* Remove dead weak entries, freeing slots in stock's order (bucket by
   bucket, along each chain).  Returns the number removed.  Nothing may be
   marked between the last hts_weak_mark and this.  */
int64_t hts_weak_remove (void);

/* The N tables in MARKED were marked in this GC; drop every other one,
   unless rooted or pure, and clear the marks.  Returns the number
   dropped.  */
int64_t hts_sweep (const hts_table *marked, int64_t n);

/*
** The store's figures, for a person tuning Emacs (Lisp sees them as the
** plist of internal--hash-table-store-stats; the store's debug log prints
** them after each sweep with the same labels).  Each is F (FIELD, LABEL),
** in the order of struct hts_stats's fields.
*/
#define HTS_STATS_FIELDS(F)                                                   \
  F (live_tables, "live-tables")   /* tables held, pure ones included */      \
  F (live_entries, "live-entries") /* entries in all of them */               \
  F (weak_tables, "weak-tables")   /* of the tables, the weak ones */         \
  F (pure_tables, "pure-tables")   /* purecopied: never swept */              \
  F (native_bytes, "native-bytes") /* the tables' memory, headers too */      \
  F (gcs, "gcs")                   /* sweeps the store has taken part in */   \
  F (dropped_last_gc, "dropped-last-gc") /* tables the last sweep dropped */  \
  F (dropped_total, "dropped-total")     /* by all sweeps and frees */        \
  F (jvm_heap_used, "jvm-heap-used")     /* bytes of the Java heap in use */  \
  F (jvm_heap_committed, "jvm-heap-committed") /* and committed to it */

struct hts_stats
{
#define HTS__STATS_MEMBER(field, label) int64_t field;
  HTS_STATS_FIELDS (HTS__STATS_MEMBER)
#undef HTS__STATS_MEMBER
};

/* Fill *OUT with the store's figures now.  */
int hts_stats (struct hts_stats *out);

/*
** Testing only.  Refused (HTS_E_ARG) unless the environment had
** HTS_TEST_HOOKS=1 when hts_init ran.
*/
enum hts_test_op
{
  HTS_TEST_NPE_LOOP = 1, /* throw and catch ARG NullPointerExceptions */
  HTS_TEST_FAIL_NEXT,    /* the next call throws: ARG 0 a RuntimeException,
                              1 an OutOfMemoryError */
  HTS_TEST_ROOT,         /* root table ARG from Java (a Rooted) */
  HTS_TEST_UNROOT,       /* close the innermost such root */
  HTS_TEST_JAVA_GC,      /* System.gc (): callbacks must survive it */
  HTS_TEST_DOWNCALLS,    /* make ARG Java-to-C calls; returns total ns */
  HTS_TEST_NOTHING,      /* return HTS_OK: the production crossing alone */
  HTS_TEST_BLANK_UPCALL  /* the address of an FFM upcall stub to a static
                              method with the entry point's signature that
                              does nothing, or 0 without FFM */
};

int64_t hts_test_hook (int op, int64_t arg);

#ifdef __cplusplus
}
#endif

#endif /* HTS_H */
