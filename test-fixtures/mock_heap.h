/* The mock heap's object layout, shared by its two halves: mock_heap.c
   (allocation and the collector) and mock_fns.c (the table functions).  */

#ifndef MOCK_HEAP_H
#define MOCK_HEAP_H

#include "mock_lisp.h"
#include "hts_layout.h"

enum obj_type
{
  OBJ_CONS,
  OBJ_STRING,
  OBJ_FLOAT,
  OBJ_SYMBOL,
  OBJ_VECTOR,
  OBJ_TABLE
};

struct object
{
  struct object *next; /* all objects, for the sweep */
  unsigned char type;
  bool marked;
};

struct cons
{
  struct object h;
  Lisp car, cdr;
};
struct string
{
  struct object h;
  size_t len;
  char data[];
};
struct flt
{
  struct object h;
  double value;
};
struct symbol
{
  struct object h;
  const char *name;
};
struct vector
{
  struct object h;
  size_t size;
  Lisp contents[];
};

/* The opaque table object: header, handle, and the C-side metadata the
   Emacs patch keeps (test, weakness, rehash parameters).  */
struct table
{
  struct object h;
  hts_table handle;
  const struct hts_layout *layout; /* its entries, read in place */
  enum test test;
  int weakness;
  float rehash_size, rehash_threshold;
  bool pure; /* purecopied: Java never sweeps it */
  const struct user_test *user;
};

static inline struct object *
untag (Lisp w)
{
  return (struct object *) (uintptr_t) (w & ~(Lisp) 7);
}

struct object *mh_alloc (size_t size, int type, int tag, Lisp *word);
/* Aborts with hts_error () if RC is an error code; returns RC.  */
int64_t mh_check (int64_t rc, const char *what);
void mh_die (const char *what) __attribute__ ((noreturn));
/* T's entries are HANDLE's: keeps the handle and its layout.  */
void mh_bind (struct table *t, hts_table handle);

#endif
