/* ns per crossing, each way, for the backend in use, beside the floor:
   the same five-word call as a plain C call, as a blank FFM upcall to a
   static method, through JNI's CallStaticLongMethod, and through the
   production entry point for an operation that does nothing.  Not a
   test: it reports numbers, one per line, "NAME NS" after a header;
   tools/bench reads them.  Needs HTS_TEST_HOOKS=1.

     bench_crossing [CALLS]  */

#include <dlfcn.h>
#include <jni.h>
#include <time.h>

#include "check.h"
#include "hts_layout.h"

typedef int64_t (*entry_fn) (int32_t, int64_t, int64_t, int64_t, int64_t,
                             int64_t);

static double
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* The plain C call: out of line, through a pointer the compiler cannot
   see through, as the shim's entry point is.  */
__attribute__ ((noinline)) static int64_t
blank_c (int32_t op, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e)
{
  __asm__ volatile("" ::: "memory");
  return a;
}

enum
{
  ROUNDS = 5
};

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double v[ROUNDS])
{
  qsort (v, ROUNDS, sizeof *v, compare_doubles);
  return v[ROUNDS / 2];
}

/* ns per call of FN over N calls, after as many to warm it up (the
   JIT compiles a fresh stub's target meanwhile).  */
static double
time_entry (entry_fn fn, long n)
{
  volatile int64_t sink = 0;
  for (long i = 0; i < n; i++)
    sink += fn (HTS_TEST_NOTHING, i, 0, 0, 0, 0);
  double t0 = now_ns ();
  for (long i = 0; i < n; i++)
    sink += fn (HTS_TEST_NOTHING, i, 0, 0, 0, 0);
  (void) sink;
  return (now_ns () - t0) / n;
}

/* JNI's CallStaticLongMethod to Blank.call, its class and method ID
   looked up once, from the JVM the shim made.  */
static double
time_jni (long n)
{
  typedef jint (*created_fn) (JavaVM **, jsize, jsize *);
  created_fn created
      = (created_fn) dlsym (RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
  CHECK (created != NULL);
  JavaVM *vm;
  jsize nvms = 0;
  CHECK (created (&vm, 1, &nvms) == JNI_OK && nvms == 1);
  JNIEnv *env;
  if ((*vm)->GetEnv (vm, (void **) &env, JNI_VERSION_10) != JNI_OK)
    CHECK ((*vm)->AttachCurrentThreadAsDaemon (vm, (void **) &env, NULL)
           == JNI_OK);
  jclass blank = (*env)->FindClass (env, "org/emacs/hts/bridge/Blank");
  CHECK (blank != NULL);
  jmethodID call = (*env)->GetStaticMethodID (env, blank, "call", "(IJJJJJ)J");
  CHECK (call != NULL);
  volatile jlong sink = 0;
  for (long i = 0; i < n; i++)
    sink += (*env)->CallStaticLongMethod (env, blank, call, 0, (jlong) i,
                                          (jlong) 0, (jlong) 0, (jlong) 0,
                                          (jlong) 0);
  double t0 = now_ns ();
  for (long i = 0; i < n; i++)
    sink += (*env)->CallStaticLongMethod (env, blank, call, 0, (jlong) i,
                                          (jlong) 0, (jlong) 0, (jlong) 0,
                                          (jlong) 0);
  (void) sink;
  return (now_ns () - t0) / n;
}

static int64_t
production (int32_t op, int64_t a, int64_t b, int64_t c, int64_t d, int64_t e)
{
  return hts_test_hook (op, a);
}

int
main (int argc, char **argv)
{
  long n = argc > 1 ? atol (argv[1]) : 2000000;
  CHECK_EQ (hts_set_host (0), HTS_OK);
  CHECK_EQ (hts_init (), HTS_OK);
  hts_table t = hts_new (16, 0.5f, 0.8125f, HTS_WEAK_NONE, 0);
  CHECK (t > 0);
  CHECK (hts_insert (t, 0x1000, 0x2000, 7) >= 0);
  const struct hts_layout *l = hts_table_layout (t);
  CHECK (l != NULL);
  /* hts_table_layout costs no call for the table made last: make another,
     so that the layout row times the call.  */
  CHECK (hts_new (16, 0.5f, 0.8125f, HTS_WEAK_NONE, 0) > 0);
  /* Enough calls for the FFM backend to take over from JNI, and for the
     JIT to compile what they run.  */
  for (long i = 0; i < 100000 + n / 10; i++)
    hts_table_layout (t), hts_set_value (t, 0, i);

  /* The four in turn, ROUNDS times, each reported as its median: drift
     on a noisy machine then hits them alike.  */
  int64_t stub = hts_test_hook (HTS_TEST_BLANK_UPCALL, 0);
  CHECK (stub >= 0);
  double c_ns[ROUNDS], ffm_ns[ROUNDS], jni_ns[ROUNDS], nothing_ns[ROUNDS];
  for (int r = 0; r < ROUNDS; r++)
    {
      c_ns[r] = time_entry (blank_c, n / ROUNDS);
      ffm_ns[r]
          = stub ? time_entry ((entry_fn) (intptr_t) stub, n / ROUNDS) : -1;
      jni_ns[r] = time_jni (n / ROUNDS);
      nothing_ns[r] = time_entry (production, n / ROUNDS);
    }

  double t0 = now_ns ();
  for (long i = 0; i < n; i++)
    hts_table_layout (t);
  double layout_ns = (now_ns () - t0) / n;

  t0 = now_ns ();
  for (long i = 0; i < n; i++)
    hts_set_value (t, 0, i);
  double set_ns = (now_ns () - t0) / n;

  /* A read: no crossing at all.  */
  volatile hts_slot sink = 0;
  t0 = now_ns ();
  for (long i = 0; i < n; i++)
    sink += hts_lookup_eq (l, 0x1000, 7);
  double read_ns = (now_ns () - t0) / n;
  (void) sink;

  int64_t down = hts_test_hook (HTS_TEST_DOWNCALLS, n);
  CHECK (down > 0);
  printf ("# backend %s, %ld calls each, ns per call; the floor first,"
          " each with the entry point's five-word signature\n",
          hts_backend (), n);
  printf ("c-call %.1f\n", median (c_ns));
  if (stub)
    printf ("ffm-blank-upcall %.1f\n", median (ffm_ns));
  printf ("jni-static-call %.1f\n", median (jni_ns));
  printf ("entry-nothing %.1f\n", median (nothing_ns));
  printf ("hts_table_layout %.1f\n", layout_ns);
  printf ("hts_set_value %.1f\n", set_ns);
  printf ("hts_lookup_eq(no-crossing) %.1f\n", read_ns);
  printf ("java-to-c-downcall %.1f\n", (double) down / n);
  return 0;
}
