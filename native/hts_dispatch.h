/* The one entry point Java hands the shim (Dispatch.java): an operation
   code and five 64-bit words, whichever backend calls it (a JNA callback,
   an FFM upcall stub, or JNI's CallLongMethod).  Pointers cross as addresses, floats as their bits.
   The codes are Dispatch's, checked name by name at build time
   (BoundaryTest); hts__install refuses another number of them.  */

#ifndef HTS_DISPATCH_H
#define HTS_DISPATCH_H

#include <stdint.h>

enum hts__op
{
  HTS__NEW,
  HTS__COPY,
  HTS__FREE,
  HTS__CLEAR,
  HTS__INSERT,
  HTS__REMOVE,
  HTS__SET_VALUE,
  HTS__EXPORT,
  HTS__IMPORT,
  HTS__LAYOUT,
  HTS__ROOTS,
  HTS__WEAK_MARK,
  HTS__WEAK_REMOVE,
  HTS__SWEEP,
  HTS__STATS,
  HTS__TEST_HOOK,
  HTS__N_OPS
};

typedef int64_t (*hts__dispatch_fn) (int32_t op, int64_t, int64_t, int64_t,
                                     int64_t, int64_t);

/* Called by Java (JNA) or jvm.c (FFM): set the entry point, then publish
   it under the backend's name once Java has said how many operations it
   knows.  */
void hts__set_dispatch (hts__dispatch_fn fn);
void hts__install (int32_t n, const char *name);

/* Called by Java (JniShim.publishEntry) when a backend that started on
   JNI has made its own entry point.  */
void hts__publish (hts__dispatch_fn fn, const char *name);

/* Java's calls into C, through JNI natives jvm.c registers (JniShim.java).  */
void hts__set_error (int32_t code, const char *message);

/* hts.c's one way into Java, for the shim's other files (weak.c).  */
int64_t hts__call (int32_t op, int64_t a, int64_t b, int64_t c, int64_t d,
                   int64_t e);

/* weak.c: a sweep ends the GC's weak phases, whether or not they ran to
   hts_weak_remove.  */
void hts__weak_forget (void);

/* Set by jvm.c, used by hts.c.  */
int hts__start_jvm (int host_version, int64_t host_unused_key);
int hts__attach (void);
void hts__error (int code, const char *fmt, ...)
    __attribute__ ((format (printf, 2, 3)));

#endif
