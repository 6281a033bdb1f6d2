/* Calls from several pthreads, as Emacs Lisp threads make them: any thread
   may call in, one at a time under the global lock.  Half the threads
   attach themselves first; the others are attached on their first call.  */

#include <pthread.h>

#include "check.h"
#include "mock_lisp.h"

enum
{
  THREADS = 4,
  ROUNDS = 5000
};

static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;
static Lisp shared;
static Lisp own[THREADS];

static void *
worker (void *arg)
{
  int id = (int) (intptr_t) arg;
  if (id % 2 == 0)
    CHECK_EQ (hts_attach_thread (), HTS_OK);
  pthread_mutex_lock (&global_lock);
  own[id] = mh_make_table (TEST_EQL, 0, HTS_WEAK_NONE);
  mh_root (&own[id]);
  pthread_mutex_unlock (&global_lock);
  for (int i = 0; i < ROUNDS; i++)
    {
      pthread_mutex_lock (&global_lock);
      mh_puthash (make_fixnum (i), make_fixnum (id), own[id]);
      mh_puthash (make_fixnum (id * ROUNDS + i), make_fixnum (id), shared);
      CHECK_EQ (mh_gethash (make_fixnum (i), own[id], Qnil), make_fixnum (id));
      if (i % 1000 == 999)
        mh_gc ();
      pthread_mutex_unlock (&global_lock);
      sched_yield ();
    }
  return NULL;
}

int
main (void)
{
  mh_init ();
  shared = mh_make_table (TEST_EQ, 0, HTS_WEAK_NONE);
  mh_root (&shared);
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; i++)
    CHECK (pthread_create (&threads[i], NULL, worker, (void *) (intptr_t) i)
           == 0);
  for (int i = 0; i < THREADS; i++)
    pthread_join (threads[i], NULL);
  mh_gc ();
  CHECK_EQ (mh_count (shared), THREADS * ROUNDS);
  for (int t = 0; t < THREADS; t++)
    {
      CHECK_EQ (mh_count (own[t]), ROUNDS);
      for (int i = 0; i < ROUNDS; i += 97)
        CHECK_EQ (mh_gethash (make_fixnum (t * ROUNDS + i), shared, Qnil),
                  make_fixnum (t));
    }
  mh_teardown ();
  PASS ("test_threads");
  return 0;
}
