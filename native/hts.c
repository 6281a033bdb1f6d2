/* The shim's C API (include/hts.h): each call is one crossing into Java
   through a function pointer Java registered.  */

#include "hts.h"
#include "hts_entries.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct hts_entries entries;
static char backend[16];
static const struct hts_heap *host_heap;

/* One line per thread, like errno.  */
static __thread char error_line[512];

void
hts__error (int code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (error_line, sizeof error_line, fmt, ap);
  va_end (ap);
  (void) code;
}

const char *
hts_error (void)
{
  return error_line;
}

/* ---- called by Java ------------------------------------------------ */

/* Java hands over the entry points one by one, in Entry order, then
   names the backend, which publishes them.  */
static void *pending[HTS_N_ENTRIES];

void
hts__set_entry (int32_t id, void *fn)
{
  if (id >= 0 && (size_t) id < HTS_N_ENTRIES)
    pending[id] = fn;
}

void
hts__install (int32_t n, const char *name)
{
  if (n != (int32_t) HTS_N_ENTRIES)
    {
      hts__error (HTS_E_JVM, "hts: Java offers %d entry points, the shim needs %d",
                  (int) n, (int) HTS_N_ENTRIES);
      return;
    }
  for (size_t i = 0; i < HTS_N_ENTRIES; i++)
    if (!pending[i])
      {
        hts__error (HTS_E_JVM, "hts: Java did not set entry point %d", (int) i);
        return;
      }
  memcpy (&entries, pending, sizeof entries);
  snprintf (backend, sizeof backend, "%s", name);
}

void
hts__set_error (int32_t code, const char *message)
{
  hts__error (code, "%s", message);
}

void
hts__heap_survives (const int64_t *words, int64_t n, unsigned char *out)
{
  host_heap->survives (words, n, out);
}

void
hts__heap_mark (const int64_t *words, int64_t n)
{
  host_heap->mark (words, n);
}

void
hts__noop (void)
{
}

/* ---- starting ----------------------------------------------------- */

int
hts_init (void)
{
  if (entries.new_table)
    return HTS_OK;
  int rc = hts__start_jvm ();
  if (rc == HTS_OK && !entries.new_table)
    {
      if (!error_line[0])
        hts__error (HTS_E_JVM, "hts: the Java bridge installed no entry points");
      return HTS_E_JVM;
    }
  return rc;
}

int
hts_attach_thread (void)
{
  return hts__attach ();
}

const char *
hts_backend (void)
{
  return backend;
}

void
hts_set_heap (const struct hts_heap *heap)
{
  host_heap = heap;
}

/* ---- the entry points --------------------------------------------- */

/* Every call checks that Java is there: one predictable branch.  */
#define CALL(fn, ...)                                                   \
  (__builtin_expect (entries.fn != NULL, 1)                             \
   ? entries.fn (__VA_ARGS__) : not_started ())

static int64_t
not_started (void)
{
  hts__error (HTS_E_JVM, "hts: hts_init has not started the Java store");
  return HTS_E_JVM;
}

hts_table
hts_new (int64_t size, float rehash_size, float rehash_threshold,
         int weakness, hts_word owner)
{
  return CALL (new_table, size, rehash_size, rehash_threshold, weakness, owner);
}

hts_table
hts_copy (hts_table t, hts_word owner)
{
  return CALL (copy, t, owner);
}

int
hts_free (hts_table t)
{
  return CALL (free_table, t);
}

int
hts_clear (hts_table t)
{
  return CALL (clear, t);
}

int64_t
hts_count (hts_table t)
{
  return CALL (count, t);
}

int64_t
hts_capacity (hts_table t)
{
  return CALL (capacity, t);
}

hts_slot
hts_find_eq (hts_table t, hts_word key, hts_hash hash, hts_word *value)
{
  return CALL (find_eq, t, key, hash, value);
}

hts_slot
hts_probe (hts_table t, hts_word key, hts_hash hash, hts_slot after,
           hts_word *key_out, hts_word *value_out)
{
  return CALL (probe, t, key, hash, after, key_out, value_out);
}

hts_slot
hts_put_eq (hts_table t, hts_word key, hts_word value, hts_hash hash,
            int64_t sizes[2])
{
  return CALL (put_eq, t, key, value, hash, sizes);
}

hts_slot
hts_insert (hts_table t, hts_word key, hts_word value, hts_hash hash)
{
  return CALL (insert, t, key, value, hash);
}

int
hts_remove (hts_table t, hts_slot slot)
{
  return CALL (remove, t, slot);
}

hts_slot
hts_remove_eq (hts_table t, hts_word key, hts_hash hash)
{
  return CALL (remove_eq, t, key, hash);
}

int
hts_set_value (hts_table t, hts_slot slot, hts_word value)
{
  return CALL (set_value, t, slot, value);
}

hts_slot
hts_get (hts_table t, hts_slot slot, hts_word *key, hts_word *value)
{
  return CALL (get, t, slot, key, value);
}

hts_slot
hts_next (hts_table t, hts_slot from, hts_word *key, hts_word *value)
{
  return CALL (next, t, from, key, value);
}

int64_t
hts_next_n (hts_table t, hts_slot from, hts_word *out, int64_t max)
{
  return CALL (next_n, t, from, out, max);
}

int64_t
hts_export (hts_table t, hts_word *kv, hts_hash *hashes, int64_t max)
{
  return CALL (export_table, t, kv, hashes, max);
}

hts_table
hts_import (int64_t capacity, float rehash_size, float rehash_threshold,
            int weakness, const hts_word *kv, const hts_hash *hashes,
            int64_t n, int flags, hts_word owner)
{
  return CALL (import_table, capacity, rehash_size, rehash_threshold,
               weakness, kv, hashes, n, flags, owner);
}

/* The words are in native memory Java owns, reused by the next call.  */
int64_t
hts_mark (hts_table t, const hts_word **words)
{
  *words = NULL;
  return CALL (mark, t, words);
}

int64_t
hts_roots (const hts_word **words)
{
  *words = NULL;
  return CALL (roots, words);
}

int
hts_weak_mark (void)
{
  if (!host_heap)
    {
      hts__error (HTS_E_ARG, "hts: hts_set_heap has not been called");
      return HTS_E_ARG;
    }
  return CALL (weak_mark);
}

int64_t
hts_weak_remove (void)
{
  if (!host_heap)
    {
      hts__error (HTS_E_ARG, "hts: hts_set_heap has not been called");
      return HTS_E_ARG;
    }
  return CALL (weak_remove);
}

int64_t
hts_sweep (void)
{
  return CALL (sweep);
}

int
hts_stats (struct hts_stats *out)
{
  return CALL (stats, &out->live_tables);
}

int64_t
hts_test_hook (int op, int64_t arg)
{
  return CALL (test_hook, op, arg);
}
