/* The mock heap's objects and its mark-and-sweep collector, which calls
   the shim where alloc.c will: hts_roots in the root phase; mark_object
   marks a strong table's entries from its layout and remembers its handle
   (a weak one's goes to a list of its own); hts_weak_mark and
   hts_weak_remove; and hts_sweep, with the handles marked, from
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

/* The tables marked in this GC, and the weak ones among them.  */
static hts_table *marked, *weak;
static size_t n_marked, n_weak, marked_cap, weak_cap;

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

void
mh_bind (struct table *t, hts_table handle)
{
  t->handle = handle;
  t->layout = hts_table_layout (handle);
  if (!t->layout)
    mh_die ("hts_table_layout");
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
  struct cons *c
      = (struct cons *) mh_alloc (sizeof *c, OBJ_CONS, TAG_CONS, &w);
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
  struct string *o = (struct string *) mh_alloc (sizeof *o + len + 1,
                                                 OBJ_STRING, TAG_STRING, &w);
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
  struct flt *f
      = (struct flt *) mh_alloc (sizeof *f, OBJ_FLOAT, TAG_FLOAT, &w);
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
  struct vector *v = (struct vector *) mh_alloc (
      sizeof *v + n * sizeof (Lisp), OBJ_VECTOR, TAG_VECTORLIKE, &w);
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

/* Emacs 30's mark_object, too, passes over the unused key.  */
static bool
immortal (Lisp w)
{
  return fixnump (w) || tag_of (w) == TAG_SYMBOL || w == MH_UNUSED_KEY;
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
remember (hts_table **list, size_t *n, size_t *cap, hts_table handle)
{
  if (*n == *cap)
    {
      *cap = *cap ? 2 * *cap : 64;
      *list = realloc (*list, *cap * sizeof **list);
      if (!*list)
        abort ();
    }
  (*list)[(*n)++] = handle;
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
            /* Every word of a strong table's key_and_value: free slots
               hold 0 or the unused key, neither an object.  */
            struct table *t = (struct table *) o;
            remember (&marked, &n_marked, &marked_cap, t->handle);
            if (t->weakness != HTS_WEAK_NONE)
              {
                remember (&weak, &n_weak, &weak_cap, t->handle);
                break;
              }
            const struct hts_layout *l = t->layout;
            for (int64_t i = 0; i < 2 * l->size; i++)
              if (l->key_and_value[i])
                push ((Lisp) l->key_and_value[i]);
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
  /* Copy first: the buffer is Java's, and marking may call Java.  */
  hts_word *copy = xmalloc ((n + 1) * sizeof *copy);
  if (n > 0)
    memcpy (copy, words, n * sizeof *copy);
  for (int64_t i = 0; i < n; i++)
    mark_object ((Lisp) copy[i]);
  free (copy);

  /* Weak tables reached while marking weak tables' entries join in a
     round of their own, until a round reaches none.  */
  for (size_t done = 0; done < n_weak;)
    {
      size_t upto = n_weak;
      mh_check (hts_weak_mark (weak + done, upto - done), "hts_weak_mark");
      done = upto;
    }
  mh_check (hts_weak_remove (), "hts_weak_remove");
  mh_check (hts_sweep (marked, n_marked), "hts_sweep");
  n_marked = n_weak = 0;

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
          if (t->pure)
            mh_check (hts_free (t->handle), "hts_free");
          else if (hts_table_layout (t->handle))
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
  free (marked);
  free (weak);
  roots = NULL;
  mark_stack = NULL;
  marked = weak = NULL;
  marked_cap = weak_cap = 0;
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
  if (hts_set_host (MH_UNUSED_KEY) != HTS_OK || hts_init () != HTS_OK)
    mh_die ("hts_init");
  hts_set_heap (&mock_heap);
  Qnil = mh_symbol ("nil");
}
