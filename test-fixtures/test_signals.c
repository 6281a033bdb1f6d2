/* The host's SIGSEGV handler and HotSpot's coexist when the host links the
   JDK's libjsig.so (this test does, before everything else).  HotSpot turns
   null dereferences into SIGSEGVs and catches them; the host handler,
   installed after the JVM, must not see those, and must still see its own.  */

#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "check.h"
#include "mock_lisp.h"

static sigjmp_buf recover;
static volatile sig_atomic_t host_faults;

static void
host_handler (int sig, siginfo_t *info, void *context)
{
  host_faults++;
  siglongjmp (recover, 1);
}

int
main (void)
{
  mh_init ();
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = host_handler;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset (&sa.sa_mask);
  CHECK (sigaction (SIGSEGV, &sa, NULL) == 0);

  /* Java throws and catches NullPointerExceptions: the host sees none.  */
  CHECK_EQ (hts_test_hook (HTS_TEST_NPE_LOOP, 2000000), 2000000);
  CHECK_EQ (host_faults, 0);

  /* A real fault in host code reaches the host handler.  */
  if (!sigsetjmp (recover, 1))
    {
      volatile int *volatile bad = (volatile int *) (uintptr_t) 8;
      *bad = 1;
      CHECK (!"the write to address 8 should have faulted");
    }
  CHECK_EQ (host_faults, 1);

  /* And Java still works afterwards.  */
  CHECK_EQ (hts_test_hook (HTS_TEST_NPE_LOOP, 100000), 100000);
  Lisp t = mh_make_table (TEST_EQ, 4, HTS_WEAK_NONE);
  mh_puthash (make_fixnum (1), make_fixnum (2), t);
  CHECK_EQ (mh_gethash (make_fixnum (1), t, Qnil), make_fixnum (2));
  CHECK_EQ (host_faults, 1);
  mh_teardown ();
  PASS ("test_signals");
  return 0;
}
