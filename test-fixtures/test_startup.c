/* What hts_init says when it cannot start, one case per CTest run (the
   environment chooses it): a one-line reason and HTS_E_JVM, never a crash;
   afterwards every call fails cleanly with HTS_E_JVM and the same reason.

     test_startup no-jvm       HTS_JAVA_HOME names no JDK
     test_startup no-classes   HTS_CLASSPATH lacks the store
     test_startup bad-option   HTS_JVM_OPTS has an option the JVM refuses
     test_startup bad-backend  HTS_BACKEND names no backend
     test_startup hooks-off    starts fine; test hooks are refused
     test_startup implicit     no hts_init: the first call starts the store
     test_startup no-host      hts_set_host was never called
     test_startup aborts       HTS_JVM_OPTS gives a heap too small to start
                               in: HotSpot exits the process from inside
                               JNI_CreateJavaVM, after one line saying why
   A second argument, first-call, makes a failing case start through its
   first call rather than hts_init.  */

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "hts_layout.h"

int
main (int argc, char **argv)
{
  const char *mode = argc > 1 ? argv[1] : "";
  const char *expect = NULL;
  /* A host says which Emacs it is before anything else.  */
  if (strcmp (mode, "no-host"))
    CHECK_EQ (hts_set_host (0), HTS_OK);
  if (!strcmp (mode, "no-host"))
    expect = "hts_set_host was not called";
  else if (!strcmp (mode, "no-jvm"))
    expect = "hts: cannot load the JVM";
  else if (!strcmp (mode, "no-classes"))
    expect = "the Java store is not on the class path";
  else if (!strcmp (mode, "bad-option"))
    expect = "refused to start: Unrecognized option: -Xno-such-option";
  else if (!strcmp (mode, "bad-backend"))
    expect = "HTS_BACKEND must be jna, ffm or jni";
  else if (!strcmp (mode, "hooks-off"))
    {
      CHECK_EQ (hts_init (), HTS_OK);
      CHECK_EQ (hts_test_hook (HTS_TEST_FAIL_NEXT, 0), HTS_E_ARG);
      CHECK (strstr (hts_error (), "test hooks are off") != NULL);
      CHECK (hts_new (4, 0.5f, 0.8125f, 0, 0) > 0);
      PASS ("test_startup hooks-off");
      return 0;
    }
  else if (!strcmp (mode, "aborts"))
    {
      /* In a child, whose exit and stderr the parent then reads.  */
      int err[2];
      CHECK_EQ (pipe (err), 0);
      pid_t pid = fork ();
      CHECK (pid >= 0);
      if (pid == 0)
        {
          dup2 (err[1], 2);
          close (err[0]);
          hts_init ();
          _exit (99); /* HotSpot should not have returned.  */
        }
      close (err[1]);
      char said[4096];
      size_t n = 0;
      ssize_t r;
      while (n < sizeof said - 1
             && (r = read (err[0], said + n, sizeof said - 1 - n)) > 0)
        n += r;
      said[n] = 0;
      int status;
      CHECK_EQ (waitpid (pid, &status, 0), pid);
      printf ("the child said: %s", said);
      CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 1);
      CHECK (!strncmp (said, "test_startup: hts: the JVM in ", 30));
      CHECK (strstr (said, " refused to start: Too small maximum heap\n")
             != NULL);
      CHECK (strchr (said, '\n') == said + n - 1);
      PASS ("test_startup aborts");
      return 0;
    }
  else if (!strcmp (mode, "implicit"))
    {
      hts_table t = hts_new (4, 0.5f, 0.8125f, 0, 0);
      CHECK (t > 0);
      CHECK_EQ (hts_insert (t, 8, 16, 8), 0);
      CHECK_EQ (hts_table_layout (t)->count, 1);
      CHECK_EQ (hts_init (), HTS_OK);
      PASS ("test_startup implicit");
      return 0;
    }
  else
    {
      fprintf (stderr, "usage: test_startup "
                       "no-jvm|no-classes|bad-option|bad-backend|hooks-off|"
                       "implicit|aborts|no-host\n");
      return 2;
    }
  /* "test_startup MODE first-call": no hts_init, the first call starts.  */
  if (argc > 2 && !strcmp (argv[2], "first-call"))
    CHECK_EQ (hts_new (4, 0.5f, 0.8125f, 0, 0), HTS_E_JVM);
  else
    CHECK_EQ (hts_init (), HTS_E_JVM);
  printf ("the store says: %s\n", hts_error ());
  CHECK (strstr (hts_error (), expect) != NULL);
  CHECK (strchr (hts_error (), '\n') == NULL);
  CHECK_EQ (hts_new (4, 0.5f, 0.8125f, 0, 0), HTS_E_JVM);
  CHECK (strstr (hts_error (), expect) != NULL);
  CHECK_EQ (hts_init (), HTS_E_JVM);
  CHECK (strstr (hts_error (), expect) != NULL);
  PASS ("test_startup");
  return 0;
}
