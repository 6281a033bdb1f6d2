/* The mock heap's objects and its mark-and-sweep collector, which calls
   the shim where alloc.c will: hts_roots in the root phase, hts_mark from
   mark_object, hts_weak_mark and hts_weak_remove, and hts_sweep from
   sweep_vectors.  */

#include "mock_heap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Lisp Qnil;

static struct object *all_objects;
static size_t n_objects, n_tables;

static struct symbol *all_symbols;

static Lisp **roots;
static size_t n_roots, roots_cap;

static Lisp *mark_stack;
static size_t mark_sp, mark_cap;

void
mh_die (const char *what)
{
  fprintf (stderr, "mock heap: %s: %s\n", what, hts_error ());
  abort ();
}

int64_t
mh_check (int64_t rc, const char *what)
{
  if (rc < HTS_NONE)
    mh_die (what);
  return rc;
}

static void *
xmalloc (size_t n)
{
  void *p = malloc (n);
  if (!p)
    abort ();
  return p;
}

struct object *
mh_alloc (size_t size, int type, int tag, Lisp *word)
{
  struct object *o = xmalloc (size);
  memset (o, 0, size);
  o->type = type;
  o->next = all_objects;
  all_objects = o;
  n_objects++;
  if (type == OBJ_TABLE)
    n_tables++;
  *word = (Lisp) (uintptr_t) o | (Lisp) tag;
  return o;
}

Lisp
mh_cons (Lisp car, Lisp cdr)
{
  Lisp w;
  struct cons *c = (struct cons *) mh_alloc (sizeof *c, OBJ_CONS, TAG_CONS, &w);
  c->car = car;
  c->cdr = cdr;
  return w;
}

Lisp
mh_car (Lisp c)
{
  return ((struct cons *) untag (c))->car;
}

Lisp
mh_string (const char *s)
{
  size_t len = strlen (s);
  Lisp w;
  struct string *o = (struct string *) mh_alloc (sizeof *o + len + 1, OBJ_STRING,
                                                 TAG_STRING, &w);
  o->len = len;
  memcpy (o->data, s, len + 1);
  return w;
}

const char *
mh_string_data (Lisp s)
{
  return ((struct string *) untag (s))->data;
}

Lisp
mh_float (double d)
{
  Lisp w;
  struct flt *f = (struct flt *) mh_alloc (sizeof *f, OBJ_FLOAT, TAG_FLOAT, &w);
  f->value = d;
  return w;
}

double
mh_float_value (Lisp f)
{
  return ((struct flt *) untag (f))->value;
}

Lisp
mh_symbol (const char *name)
{
  /* Immortal, never swept: like a builtin symbol.  */
  struct symbol *s = xmalloc (sizeof *s);
  memset (s, 0, sizeof *s);
  s->h.type = OBJ_SYMBOL;
  s->h.next = (struct object *) all_symbols;
  all_symbols = s;
  s->name = name;
  return (Lisp) (uintptr_t) s | TAG_SYMBOL;
}

Lisp
mh_vector (size_t n, Lisp init)
{
  Lisp w;
  struct vector *v = (struct vector *) mh_alloc (sizeof *v + n * sizeof (Lisp),
                                                 OBJ_VECTOR, TAG_VECTORLIKE, &w);
  v->size = n;
  for (size_t i = 0; i < n; i++)
    v->contents[i] = init;
  return w;
}

void
mh_vector_set (Lisp v, size_t i, Lisp x)
{
  ((struct vector *) untag (v))->contents[i] = x;
}

/* ---- roots -------------------------------------------------------- */

void
mh_root (Lisp *place)
{
  if (n_roots == roots_cap)
    {
      roots_cap = roots_cap ? 2 * roots_cap : 64;
      roots = realloc (roots, roots_cap * sizeof *roots);
      if (!roots)
        abort ();
    }
  roots[n_roots++] = place;
}

void
mh_unroot (Lisp *place)
{
  for (size_t i = n_roots; i-- > 0;)
    if (roots[i] == place)
      {
        roots[i] = roots[--n_roots];
        return;
      }
  abort ();
}

/* ---- marking ------------------------------------------------------ */

static bool
immortal (Lisp w)
{
  return fixnump (w) || tag_of (w) == TAG_SYMBOL;
}

static void
push (Lisp w)
{
  if (immortal (w))
    return;
  if (mark_sp == mark_cap)
    {
      mark_cap = mark_cap ? 2 * mark_cap : 1024;
      mark_stack = realloc (mark_stack, mark_cap * sizeof *mark_stack);
      if (!mark_stack)
        abort ();
    }
  mark_stack[mark_sp++] = w;
}

static void
push_words (const hts_word *words, int64_t n)
{
  for (int64_t i = 0; i < n; i++)
    push ((Lisp) words[i]);
}

/* mark_object: marks W and everything reachable from it.  */
static void
mark_object (Lisp w)
{
  push (w);
  while (mark_sp > 0)
    {
      struct object *o = untag (mark_stack[--mark_sp]);
      if (o->marked)
        continue;
      o->marked = true;
      switch (o->type)
        {
        case OBJ_CONS:
          push (((struct cons *) o)->car);
          push (((struct cons *) o)->cdr);
          break;
        case OBJ_VECTOR:
          {
            struct vector *v = (struct vector *) o;
            for (size_t i = 0; i < v->size; i++)
              push (v->contents[i]);
          }
          break;
        case OBJ_TABLE:
          {
            struct table *t = (struct table *) o;
            const hts_word *words;
            int64_t n = mh_check (hts_mark (t->handle, &words), "hts_mark");
            push_words (words, n);
          }
          break;
        default:
          break;
        }
    }
}

static void
heap_survives (const hts_word *words, size_t n, unsigned char *out)
{
  for (size_t i = 0; i < n; i++)
    {
      Lisp w = (Lisp) words[i];
      out[i] = immortal (w) || ((struct object *) untag (w))->marked;
    }
}

static void
heap_mark (const hts_word *words, size_t n)
{
  for (size_t i = 0; i < n; i++)
    mark_object ((Lisp) words[i]);
}

static const struct hts_heap mock_heap = { heap_survives, heap_mark };

/* ---- the collector ------------------------------------------------ */

void
mh_gc (void)
{
  for (size_t i = 0; i < n_roots; i++)
    mark_object (*roots[i]);
  const hts_word *words;
  int64_t n = mh_check (hts_roots (&words), "hts_roots");
  /* Copy first: marking calls hts_mark, which reuses the buffer.  */
  hts_word *copy = xmalloc ((n + 1) * sizeof *copy);
  if (n > 0)
    memcpy (copy, words, n * sizeof *copy);
  for (int64_t i = 0; i < n; i++)
    mark_object ((Lisp) copy[i]);
  free (copy);

  mh_check (hts_weak_mark (), "hts_weak_mark");
  mh_check (hts_weak_remove (), "hts_weak_remove");
  mh_check (hts_sweep (), "hts_sweep");

  /* sweep_vectors: free what is unmarked; Java has dropped those tables.  */
  struct object **link = &all_objects;
  while (*link)
    {
      struct object *o = *link;
      if (o->marked)
        {
          o->marked = false;
          link = &o->next;
          continue;
        }
      if (o->type == OBJ_TABLE)
        {
          struct table *t = (struct table *) o;
          if (t->frozen)
            mh_check (hts_free (t->handle), "hts_free");
          else if (hts_count (t->handle) != HTS_E_ARG)
            mh_die ("Java kept a table whose object was swept");
          n_tables--;
        }
      *link = o->next;
      n_objects--;
      free (o);
    }
}

bool
mh_alive (Lisp w)
{
  if (immortal (w))
    return true;
  for (struct object *o = all_objects; o; o = o->next)
    if (o == untag (w))
      return true;
  return false;
}

size_t
mh_live_objects (void)
{
  return n_objects;
}

size_t
mh_live_tables (void)
{
  return n_tables;
}

void
mh_teardown (void)
{
  n_roots = 0;
  mh_gc ();
  free (roots);
  free (mark_stack);
  roots = NULL;
  mark_stack = NULL;
  while (all_symbols)
    {
      struct symbol *s = all_symbols;
      all_symbols = (struct symbol *) s->h.next;
      free (s);
    }
  roots_cap = mark_cap = 0;
}

void
mh_init (void)
{
  if (hts_init () != HTS_OK)
    mh_die ("hts_init");
  hts_set_heap (&mock_heap);
  Qnil = mh_symbol ("nil");
}
