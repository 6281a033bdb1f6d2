/* The shim's C API (include/hts.h): each call is one crossing into Java
   through a function pointer Java registered.  */

#include "hts.h"
#include "hts_layout.h"
#include "hts_dispatch.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The serving backend's name: a literal, so that it can change under a
   reader (JNI, then FFM).  */
static const char *backend = "";

/* One line per thread, like errno.  */
static __thread char error_line[512];

/* The line says what went wrong; an internal error also says that it is
   the store's own bug, whatever the message.  */
void
hts__error (int code, const char *fmt, ...)
{
  const char *prefix
      = code == HTS_E_INTERNAL ? "hts: internal error (a bug): " : "";
  int n = snprintf (error_line, sizeof error_line, "%s", prefix);
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (error_line + n, sizeof error_line - n, fmt, ap);
  va_end (ap);
}

const char *
hts_error (void)
{
  return error_line;
}

/* ---- called by Java ------------------------------------------------ */

/* Java hands over the entry point, then names the backend, which
   installs it; the thread that waits for the start publishes it as
   DISPATCH (see hts_init).  */
static hts__dispatch_fn dispatch, pending, installed;

void
hts__set_dispatch (hts__dispatch_fn fn)
{
  pending = fn;
}

static const char *
backend_literal (const char *name)
{
  static const char *const names[] = { "jna", "ffm", "jni" };
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (!strcmp (name, names[i]))
      return names[i];
  return "?";
}

void
hts__install (int32_t n, const char *name)
{
  if (n != HTS__N_OPS)
    {
      hts__error (HTS_E_JVM, "hts: Java knows %d operations, the shim %d",
                  (int) n, (int) HTS__N_OPS);
      return;
    }
  if (!pending)
    {
      hts__error (HTS_E_JVM, "hts: Java set no entry point");
      return;
    }
  installed = pending;
  __atomic_store_n (&backend, backend_literal (name), __ATOMIC_RELEASE);
}

void
hts__set_error (int32_t code, const char *message)
{
  hts__error (code, "%s", message);
}

/* ---- starting ----------------------------------------------------- */

/* The store starts once, in hts_init or at the first call that needs it.
   Its outcome is kept for every later caller, on any thread (error_line
   is per thread): a JVM cannot be created twice.  */
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static bool started;
static int start_rc;
static char start_error[sizeof error_line];

/* The host hts_set_host chose, handed to Java as the store starts; 0
   until it is called, and the store does not start without it.  */
static int host_version;
static hts_word host_unused_key;

int
hts__set_host (int version, hts_word unused_key)
{
  if (version != 28 && version != 30)
    {
      hts__error (HTS_E_ARG, "hts: no host Emacs %d (28 or 30)", version);
      return HTS_E_ARG;
    }
  pthread_mutex_lock (&start_lock);
  int rc = HTS_OK;
  if (!started)
    {
      host_version = version;
      host_unused_key = unused_key;
    }
  else if (version != host_version || unused_key != host_unused_key)
    {
      hts__error (HTS_E_ARG, "hts: the store already serves Emacs %d",
                  host_version);
      rc = HTS_E_ARG;
    }
  pthread_mutex_unlock (&start_lock);
  return rc;
}

int
hts_init (void)
{
  if (__atomic_load_n (&dispatch, __ATOMIC_ACQUIRE))
    return HTS_OK;
  pthread_mutex_lock (&start_lock);
  if (!started)
    {
      started = true;
      if (!host_version)
        {
          hts__error (HTS_E_JVM, "hts: no host: hts_set_host was not called");
          start_rc = HTS_E_JVM;
        }
      else
        start_rc = hts__start_jvm (host_version, host_unused_key);
      if (start_rc == HTS_OK && !installed)
        {
          if (!error_line[0])
            hts__error (HTS_E_JVM,
                        "hts: the Java bridge installed no entry points");
          start_rc = HTS_E_JVM;
        }
      if (start_rc == HTS_OK)
        __atomic_store_n (&dispatch, installed, __ATOMIC_RELEASE);
      else
        snprintf (start_error, sizeof start_error, "%s", error_line);
    }
  else if (start_rc != HTS_OK)
    hts__error (start_rc, "%s", start_error);
  pthread_mutex_unlock (&start_lock);
  return start_rc;
}

/* A backend that started on JNI hands over its own entry point (from a
   Java thread): calls already under way finish through JNI.  After the
   start, which holds the lock while it publishes the JNI entry.  */
void
hts__publish (hts__dispatch_fn fn, const char *name)
{
  pthread_mutex_lock (&start_lock);
  if (start_rc == HTS_OK)
    {
      installed = fn;
      if (started)
        __atomic_store_n (&dispatch, fn, __ATOMIC_RELEASE);
      __atomic_store_n (&backend, backend_literal (name), __ATOMIC_RELEASE);
    }
  pthread_mutex_unlock (&start_lock);
}

int
hts_attach_thread (void)
{
  return hts__attach ();
}

const char *
hts_backend (void)
{
  return __atomic_load_n (&backend, __ATOMIC_ACQUIRE);
}

/* ---- the entry points --------------------------------------------- */

/* Every call checks that Java is there: one predictable branch; the
   first call waits for the start, or makes it.  Unused words are 0.  */
#define CALL(op, a, b, c, d, e)                                               \
  call ((op), (int64_t) (a), (int64_t) (b), (int64_t) (c), (int64_t) (d),     \
        (int64_t) (e))
#define ADDR(p) ((int64_t) (intptr_t) (p))

static int64_t start_and_call (int32_t, int64_t, int64_t, int64_t, int64_t,
                               int64_t);

static inline int64_t
call (int32_t op, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e)
{
  hts__dispatch_fn fn = __atomic_load_n (&dispatch, __ATOMIC_ACQUIRE);
  if (__builtin_expect (fn != NULL, 1))
    return fn (op, a, b, c, d, e);
  return start_and_call (op, a, b, c, d, e);
}

static int64_t
start_and_call (int32_t op, int64_t a, int64_t b, int64_t c, int64_t d,
                int64_t e)
{
  int rc = hts_init ();
  if (rc != HTS_OK)
    return rc;
  return dispatch (op, a, b, c, d, e);
}

int64_t
hts__call (int32_t op, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e)
{
  return call (op, a, b, c, d, e);
}

static int64_t
float_bits (float f)
{
  int32_t i;
  memcpy (&i, &f, sizeof i);
  return i;
}

/* The table made last (by hts_new, hts_copy or hts_import) and its
   layout, which the store writes in the same call: a host asks for a new
   table's layout at once, and hts_table_layout answers it from here with
   no crossing.  Calls come one at a time (hts.h), so one pair serves all
   threads; dropping that table forgets it.  */
static hts_table made_handle;
static int64_t made_layout;

static hts_table
made (hts_table handle)
{
  made_handle = handle > 0 ? handle : 0;
  return handle;
}

hts_table
hts_new (int64_t size, float rehash_size, float rehash_threshold, int weakness,
         hts_word owner)
{
  /* The floats share a word, to leave one for the layout.  */
  uint64_t rehash = ((uint64_t) float_bits (rehash_size) << 32)
                    | (uint32_t) float_bits (rehash_threshold);
  return made (
      CALL (HTS__NEW, size, rehash, weakness, owner, ADDR (&made_layout)));
}

hts_table
hts_copy (hts_table t, hts_word owner)
{
  return made (CALL (HTS__COPY, t, owner, ADDR (&made_layout), 0, 0));
}

int
hts_free (hts_table t)
{
  if (t == made_handle)
    made_handle = 0;
  return CALL (HTS__FREE, t, 0, 0, 0, 0);
}

int
hts_clear (hts_table t)
{
  return CALL (HTS__CLEAR, t, 0, 0, 0, 0);
}

hts_slot
hts_insert (hts_table t, hts_word key, hts_word value, hts_hash hash)
{
  return CALL (HTS__INSERT, t, key, value, hash, 0);
}

int
hts_remove (hts_table t, hts_slot slot)
{
  return CALL (HTS__REMOVE, t, slot, 0, 0, 0);
}

int
hts_set_value (hts_table t, hts_slot slot, hts_word value)
{
  return CALL (HTS__SET_VALUE, t, slot, value, 0, 0);
}

int64_t
hts_export (hts_table t, hts_word *kv, hts_hash *hashes, int64_t max)
{
  return CALL (HTS__EXPORT, t, ADDR (kv), ADDR (hashes), max, 0);
}

hts_table
hts_import (int64_t size, float rehash_size, float rehash_threshold,
            int weakness, const hts_word *kv, const hts_hash *hashes,
            int64_t n, int flags, hts_word owner)
{
  /* Ten words do not fit in five: Java reads them from here.  */
  int64_t args[10] = { size,
                       float_bits (rehash_size),
                       float_bits (rehash_threshold),
                       weakness,
                       ADDR (kv),
                       ADDR (hashes),
                       n,
                       flags,
                       owner,
                       ADDR (&made_layout) };
  return made (CALL (HTS__IMPORT, ADDR (args), 0, 0, 0, 0));
}

const struct hts_layout *
hts_table_layout (hts_table t)
{
  if (t == made_handle && t > 0)
    return (const struct hts_layout *) (intptr_t) made_layout;
  int64_t address = CALL (HTS__LAYOUT, t, 0, 0, 0, 0);
  return address > 0 ? (const struct hts_layout *) (intptr_t) address : NULL;
}

int64_t
hts_roots (const hts_word **words)
{
  *words = NULL;
  return CALL (HTS__ROOTS, ADDR (words), 0, 0, 0, 0);
}

int64_t
hts_sweep (const hts_table *marked, int64_t n)
{
  hts__weak_forget ();
  made_handle = 0;
  return CALL (HTS__SWEEP, ADDR (marked), n, 0, 0, 0);
}

int
hts_stats (struct hts_stats *out)
{
  return CALL (HTS__STATS, ADDR (out), 0, 0, 0, 0);
}

int64_t
hts_test_hook (int op, int64_t arg)
{
  return CALL (HTS__TEST_HOOK, op, arg, 0, 0, 0);
}
