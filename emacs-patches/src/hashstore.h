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

/* hashstore.c and this file are the same in every Emacs the store
   serves: emacs-hts keeps them once and copies them into each patched
   tree.  lisp.h says which Emacs this is (HTS_HOST).

   The store's API (hts.h) is for the few files that change tables or
   run the GC: fns.c, alloc.c, pdumper.c and hashstore.c.  Every other
   file reads tables through lisp.h's HASH_KEY, HASH_VALUE and friends,
   which need only the layout (hts_layout.h).  */

#ifndef EMACS_HASHSTORE_H
#define EMACS_HASHSTORE_H

#include "lisp.h"

#include <hts.h>

/* Starting, in main.  */
extern void init_hash_table_store (void);
extern void syms_of_hashstore (void);

/* RC, unless it is an error code from the store; then signal it.  Call
   only after the store has returned: no Java frame is on the stack.  */
extern int64_t hash_store_check (int64_t);
extern AVOID hash_store_error (int64_t);

/* Say in one line why the store cannot work (no JVM), and exit.  */
extern AVOID hash_store_unavailable (void);

/* How H's weakness, an enum hts_weakness, is passed to the store.  */
extern int hash_store_weakness (const struct Lisp_Hash_Table *);

/* H's entries are now the store's table HANDLE.  */
extern void hash_table_set_handle (struct Lisp_Hash_Table *, hts_table);

/* Put H, not in the store yet, into it with N keys and values.  */
extern void hash_table_import (struct Lisp_Hash_Table *, const Lisp_Object *,
			       ptrdiff_t, int);

/* The store's part in a GC, in garbage_collect's order.  */
extern void hash_store_thaw_dumped_weak (void);
extern void mark_hash_table_store_roots (void);
extern void hash_store_note_marked (hts_table);
extern void hash_store_sweep_weak (struct Lisp_Hash_Table **);
extern void hash_store_sweep (void);

/* pdumper: H, dumped, weak and with entries, enters the store before
   the next GC.  */
extern void hash_store_note_dumped_weak (struct Lisp_Hash_Table *);

#endif /* EMACS_HASHSTORE_H */
