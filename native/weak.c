/* A GC's weak phases (hts.h: hts_weak_mark, hts_weak_remove), in C over
   the tables' layouts, as alloc.c's mark_and_sweep_weak_table_contents
   and fns.c's sweep_weak_table do them.  Reading a table costs no
   crossing, so deciding what survives costs none either: the per-entry
   work is stock's, run by compiled code from a GC's first pass.  The
   store stays the only writer: it is told the layouts once per
   hts_weak_mark, and gets the dead slots of every table in one call.

   Both hosts chain live slots the same way (index, then next), and a
   sweep visits them bucket by bucket along each chain; so the walk here
   needs no host, and the free list ends as stock's does.  Pass by pass,
   the words of every table go to the heap in one batch: batching changes
   the order in which words get marked, not the fixpoint, since the
   removal rule is monotone in the marked set.  */

#include "hts.h"
#include "hts_dispatch.h"
#include "hts_layout.h"

#include <stdbool.h>
#include <stdlib.h>

static const struct hts_heap *host_heap;

struct weak_table
{
  hts_table handle;
  const struct hts_layout *layout;
  int64_t weakness;
};

/* This GC's weak tables, in the order they joined.  */
static struct weak_table *tables;
static size_t n_tables, tables_size;

/* A pass's words: each table's live keys and values, in sweep order, and
   what the heap says of each; then the words to mark, or the removal's
   batch.  Kept from GC to GC: plain malloc, since a GC cannot signal.  */
static hts_word *words, *out;
static unsigned char *survives;
static size_t words_size, survives_size, out_size;

void
hts_set_heap (const struct hts_heap *heap)
{
  host_heap = heap;
}

/* Room for NEED elements of SIZE bytes in *P, which holds *HAVE.  */
static bool
reserve (void *p, size_t *have, size_t need, size_t size)
{
  if (need <= *have)
    return true;
  size_t n = need < 2 * *have ? 2 * *have : need;
  void *q = realloc (*(void **) p, n * size);
  if (!q)
    return false;
  *(void **) p = q;
  *have = n;
  return true;
}

static int
no_memory (void)
{
  hts__error (HTS_E_MEMORY, "hts: no memory for a weak sweep");
  return HTS_E_MEMORY;
}

/* fns.c sweep_weak_table's rule: whether an entry goes.  */
static bool
removes (int64_t weakness, bool key_survives, bool value_survives)
{
  switch (weakness)
    {
    case HTS_WEAK_KEY:
      return !key_survives;
    case HTS_WEAK_VALUE:
      return !value_survives;
    case HTS_WEAK_KEY_OR_VALUE:
      return !key_survives && !value_survives;
    case HTS_WEAK_KEY_AND_VALUE:
      return !key_survives || !value_survives;
    default:
      return false;
    }
}

/* Gather every table's live words in sweep order into WORDS, and ask the
   heap which survive.  Returns the number of words, or -1 without
   memory.  */
static int64_t
ask_heap (void)
{
  size_t n = 0;
  for (size_t t = 0; t < n_tables; t++)
    n += 2 * (size_t) tables[t].layout->count;
  if (!reserve (&words, &words_size, n, sizeof *words)
      || !reserve (&survives, &survives_size, n, sizeof *survives))
    return -1;
  size_t j = 0;
  for (size_t t = 0; t < n_tables; t++)
    {
      const struct hts_layout *l = tables[t].layout;
      const hts_word *kv = l->key_and_value;
      for (int64_t b = 0; l->count > 0 && b < l->index_size; b++)
        for (int32_t i = l->index[b]; i >= 0; i = l->next[i])
          {
            words[j++] = kv[2 * i];
            words[j++] = kv[2 * i + 1];
          }
    }
  if (j != n)
    abort (); /* a table's chains do not hold its count of entries */
  if (n > 0)
    host_heap->survives (words, n, survives);
  return n;
}

/* One marking pass over every table; whether it marked anything.  */
static int
mark_pass (bool *marked)
{
  int64_t n = ask_heap ();
  if (n < 0 || !reserve (&out, &out_size, n, sizeof *out))
    return no_memory ();
  size_t m = 0, j = 0;
  for (size_t t = 0; t < n_tables; t++)
    for (int64_t e = 0; e < tables[t].layout->count; e++, j += 2)
      if (!removes (tables[t].weakness, survives[j], survives[j + 1]))
        {
          if (!survives[j])
            out[m++] = words[j];
          if (!survives[j + 1])
            out[m++] = words[j + 1];
        }
  *marked = m > 0;
  if (m > 0)
    host_heap->mark (out, m);
  return HTS_OK;
}

static int
heap_set (void)
{
  if (host_heap)
    return HTS_OK;
  hts__error (HTS_E_ARG, "hts: hts_set_heap has not been called");
  return HTS_E_ARG;
}

int
hts_weak_mark (const hts_table *handles, int64_t n)
{
  int rc = heap_set ();
  if (rc != HTS_OK || n < 0)
    return rc != HTS_OK ? rc : HTS_E_ARG;
  if (!reserve (&tables, &tables_size, n_tables + n, sizeof *tables))
    return no_memory ();
  if (n > 0)
    {
      /* The store marks the tables for its sweep and says, for each, its
         layout and weakness, into the two words of each new element; a
         null layout if the table was marked before.  */
      struct weak_table *fresh = tables + n_tables;
      for (int64_t i = 0; i < n; i++)
        fresh[i].handle = handles[i];
      rc = hts__call (HTS__WEAK_MARK, (int64_t) (intptr_t) fresh, n,
                      sizeof *fresh / sizeof (int64_t), 0, 0);
      if (rc != HTS_OK)
        return rc;
      for (int64_t i = 0; i < n; i++)
        if (fresh[i].layout) /* else it joined before */
          tables[n_tables++] = fresh[i];
    }
  for (bool marked = true; marked;)
    if ((rc = mark_pass (&marked)) != HTS_OK)
      return rc;
  return HTS_OK;
}

int64_t
hts_weak_remove (void)
{
  int rc = heap_set ();
  if (rc != HTS_OK)
    return rc;
  int64_t n = ask_heap ();
  /* The batch: for each table with dead entries, its handle, their
     number, and their slots in sweep order.  */
  if (n < 0 || !reserve (&out, &out_size, n / 2 + 2 * n_tables, sizeof *out))
    return no_memory ();
  size_t k = 0, j = 0;
  for (size_t t = 0; t < n_tables; t++)
    {
      const struct hts_layout *l = tables[t].layout;
      size_t head = k;
      k += 2;
      for (int64_t b = 0; l->count > 0 && b < l->index_size; b++)
        for (int32_t i = l->index[b]; i >= 0; i = l->next[i], j += 2)
          if (removes (tables[t].weakness, survives[j], survives[j + 1]))
            out[k++] = i;
      if (k == head + 2)
        k = head;
      else
        {
          out[head] = tables[t].handle;
          out[head + 1] = k - head - 2;
        }
    }
  n_tables = 0;
  return k > 0 ? hts__call (HTS__WEAK_REMOVE, (int64_t) (intptr_t) out, k, 0,
                            0, 0)
               : 0;
}

void
hts__weak_forget (void)
{
  n_tables = 0;
}
