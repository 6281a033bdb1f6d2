/* The planted bug the layout's rules forbid: C keeps a table's array
   pointer across a call that grows the table, then reads through it.
   Under AddressSanitizer that read must be reported, since growth frees
   the old arrays, which the store's pool poisons (CTest expects the
   report, a use after poison: this test passes only if ASan catches the
   bug).  */

#include <stdio.h>

#include "check.h"
#include "hts_layout.h"
#include "mock_lisp.h"

int
main (void)
{
  mh_init ();
  Lisp t = mh_make_table (TEST_EQ, 2, HTS_WEAK_NONE);
  mh_root (&t);
  mh_puthash (make_fixnum (1), make_fixnum (10), t);
  const struct hts_layout *l = hts_table_layout (mh_handle (t));
  const hts_word *kv = l->key_and_value; /* kept: the bug */
  for (int i = 2; i < 10; i++)
    mh_puthash (make_fixnum (i), make_fixnum (10 * i), t); /* grows */
  CHECK (l->key_and_value != kv);
  printf ("stale read: %lld\n", (long long) kv[1]);
  return 0;
}
