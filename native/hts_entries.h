/* The entry points Java hands the shim, as typed function pointers.
   The order is Java's Entry enum (java/.../bridge/Entry.java); hts__install
   refuses a table of another length.  Whichever backend made them (JNA
   callbacks or FFM upcall stubs), C sees plain function pointers.  */

#ifndef HTS_ENTRIES_H
#define HTS_ENTRIES_H

#include <stdint.h>

struct hts_entries
{
  int64_t (*new_table) (int64_t, float, float, int32_t, int64_t);
  int64_t (*copy) (int64_t, int64_t);
  int64_t (*free_table) (int64_t);
  int64_t (*clear) (int64_t);
  int64_t (*count) (int64_t);
  int64_t (*capacity) (int64_t);
  int64_t (*find_eq) (int64_t, int64_t, int64_t, int64_t *);
  int64_t (*probe) (int64_t, int64_t, int64_t, int64_t, int64_t *, int64_t *);
  int64_t (*insert) (int64_t, int64_t, int64_t, int64_t);
  int64_t (*remove) (int64_t, int64_t);
  int64_t (*remove_eq) (int64_t, int64_t, int64_t);
  int64_t (*set_value) (int64_t, int64_t, int64_t);
  int64_t (*get) (int64_t, int64_t, int64_t *, int64_t *);
  int64_t (*next) (int64_t, int64_t, int64_t *, int64_t *);
  int64_t (*next_n) (int64_t, int64_t, int64_t *, int64_t);
  int64_t (*put_eq) (int64_t, int64_t, int64_t, int64_t, int64_t *);
  int64_t (*export_table) (int64_t, int64_t *, int64_t *, int64_t);
  int64_t (*import_table) (int64_t, float, float, int32_t,
                           const int64_t *, const int64_t *, int64_t,
                           int32_t, int64_t);
  int64_t (*mark) (int64_t, const int64_t **);
  int64_t (*roots) (const int64_t **);
  int64_t (*weak_mark) (void);
  int64_t (*weak_remove) (void);
  int64_t (*sweep) (void);
  int64_t (*stats) (int64_t *);
  int64_t (*test_hook) (int32_t, int64_t);
};

#define HTS_N_ENTRIES (sizeof (struct hts_entries) / sizeof (void (*) (void)))

/* Called by Java (JNA) or jvm.c (FFM): set one entry point, then publish
   them all under the backend's name.  */
void hts__set_entry (int32_t id, void *fn);
void hts__install (int32_t n, const char *name);

/* Set by jvm.c, used by hts.c.  */
int hts__start_jvm (void);
int hts__attach (void);
void hts__error (int code, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

#endif
