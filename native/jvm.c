/* Starting the JVM inside the host: find libjvm.so, create the VM (or join
   the one already running, when the host is itself a Java process), and
   call the Java bridge, which registers the entry points.  Every failure is
   a one-line reason in hts_error () and HTS_E_JVM, never a crash; one that
   HotSpot ends by exiting the process is that same line on stderr first
   (jvm_abort).  */

#define _GNU_SOURCE
#include "hts.h"
#include "hts_dispatch.h"

#include <dlfcn.h>
#include <errno.h>
#include <jni.h>
#include <linux/membarrier.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#if defined __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

#ifndef HTS_DEFAULT_JAVA_HOME
#error "HTS_DEFAULT_JAVA_HOME must name the JDK the shim was built against"
#endif
#ifndef HTS_DEFAULT_CLASSPATH
#error "HTS_DEFAULT_CLASSPATH must name the built jars"
#endif
#ifndef HTS_AOT_CACHE
#error "HTS_AOT_CACHE must name the AOT cache the build may make"
#endif

#define MAX_OPTIONS 64

static JavaVM *vm;

/* While the VM is being created, what HotSpot prints is kept here and
   folded into hts_init's one-line error; afterwards it goes to stderr.  */
static bool capturing;
static char captured[512];

static jint JNICALL
jvm_vfprintf (FILE *stream, const char *fmt, va_list ap)
{
  if (!__atomic_load_n (&capturing, __ATOMIC_ACQUIRE))
    return vfprintf (stream, fmt, ap);
  size_t used = strlen (captured);
  vsnprintf (captured + used, sizeof captured - used, fmt, ap);
  for (char *p = captured; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  return 0;
}

/* The libjvm.so being started, for messages.  */
static const char *starting_jvm;

/* What HotSpot prints before the reason when it gives up starting.  */
static const char vm_init_error[]
    = "Error occurred during initialization of VM";

/* What HotSpot said while starting, reduced to the line that says why:
   the one after "Error occurred during initialization of VM", else the
   first sentence, without HotSpot's closing "Error: Could not create
   the Java Virtual Machine".  Edits CAPTURED.  */
static const char *
start_failure (void)
{
  char *why = strstr (captured, vm_init_error);
  if (why)
    why += strlen (vm_init_error);
  else
    {
      why = captured;
      char *end = strstr (why, "Error: Could not create");
      if (end)
        *end = 0;
    }
  while (*why == ' ')
    why++;
  for (size_t len = strlen (why); len > 0 && why[len - 1] == ' ';)
    why[--len] = 0;
  return why[0] ? why : "JNI error";
}

/* HotSpot calls this when a start fails too late for JNI_CreateJavaVM
   to return (a heap too small for its AOT cache, say), after printing
   "Error occurred during initialization of VM" and why, and then exits
   with status 1: say why in the one-line form of hts_init's callers,
   after the program's name.  HotSpot also calls it from its crash
   handler, in a signal handler: a crash, during the start or after it,
   is left to HotSpot's own report.  */
static void JNICALL
jvm_abort (void)
{
  if (__atomic_exchange_n (&capturing, false, __ATOMIC_ACQ_REL)
      && strstr (captured, vm_init_error))
    {
      static char line[sizeof captured + 4096];
      int n = snprintf (
          line, sizeof line, "%s: hts: the JVM in %s refused to start: %s\n",
          program_invocation_short_name, starting_jvm, start_failure ());
      if (n > 0)
        write (STDERR_FILENO, line,
               n < (int) sizeof line ? n : (int) sizeof line - 1);
    }
}

typedef jint (*create_vm_fn) (JavaVM **, void **, void *);
typedef jint (*created_vms_fn) (JavaVM **, jsize, jsize *);

/* The feature release of the JDK at HOME (17, 25, ...), from its release
   file; 0 if unknown.  */
static int
jdk_release (const char *home)
{
  char path[4096], line[256];
  snprintf (path, sizeof path, "%s/release", home);
  FILE *f = fopen (path, "r");
  int major = 0;
  if (!f)
    return 0;
  while (fgets (line, sizeof line, f))
    if (sscanf (line, "JAVA_VERSION=\"%d", &major) == 1)
      break;
  fclose (f);
  return major;
}

/* Whether the kernel lets this process make its threads' memory
   barriers with membarrier (2), as -XX:+UseSystemMemoryBarrier needs;
   a seccomp filter may refuse the call, and HotSpot would then warn.  */
static bool
system_memory_barrier_works (void)
{
  long cmds = syscall (SYS_membarrier, MEMBARRIER_CMD_QUERY, 0);
  return cmds > 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED);
}

/* The file this shim was loaded from, for JNA to bind its downcalls.  */
static const char *
shim_path (void)
{
  Dl_info info;
  if (dladdr ((void *) hts_init, &info) && info.dli_fname)
    return info.dli_fname;
  return NULL;
}

/* The file name of the class path entry starting at ENTRY, which ends at
   the next ':' or the string's end; its length in *LEN.  */
static const char *
entry_name (const char *entry, int *len)
{
  const char *end = strchrnul (entry, ':');
  const char *name = entry;
  for (const char *p = entry; p < end; p++)
    if (*p == '/')
      name = p + 1;
  *len = (int) (end - name);
  return name;
}

/* The store's class path and AOT cache, malloc'd into *CP and *AOT.
   A shim installed by make install sits beside its jars and cache,
   wherever the prefix is: then they are the build's class path, file by
   file, and hts.aot, in the shim's own directory.  A shim in the build
   tree (the first jar not beside it) uses the build's paths.  False if
   out of memory.  */
static bool
store_paths (char **cp, char **aot)
{
  const char *shim = shim_path ();
  const char *slash = shim ? strrchr (shim, '/') : NULL;
  int dir_len = slash ? (int) (slash - shim) : 0;
  int len;
  const char *name = entry_name (HTS_DEFAULT_CLASSPATH, &len);
  char *first = NULL;
  bool installed
      = slash && asprintf (&first, "%.*s/%.*s", dir_len, shim, len, name) >= 0
        && access (first, R_OK) == 0;
  free (first);
  if (!installed)
    {
      *cp = strdup (HTS_DEFAULT_CLASSPATH);
      *aot = strdup (HTS_AOT_CACHE);
      return *cp && *aot;
    }
  size_t entries = 1;
  for (const char *p = HTS_DEFAULT_CLASSPATH; *p; p++)
    entries += *p == ':';
  *cp = malloc (strlen (HTS_DEFAULT_CLASSPATH) + entries * (dir_len + 2));
  if (!*cp || asprintf (aot, "%.*s/hts.aot", dir_len, shim) < 0)
    {
      *aot = NULL;
      return false;
    }
  char *out = *cp;
  for (const char *p = HTS_DEFAULT_CLASSPATH;; p++)
    {
      name = entry_name (p, &len);
      out += sprintf (out, "%s%.*s/%.*s", out == *cp ? "" : ":", dir_len, shim,
                      len, name);
      p = name + len;
      if (!*p)
        return true;
    }
}

/* Splits HTS_JVM_OPTS on spaces into OPTIONS; returns the new count.  */
static int
add_user_options (JavaVMOption *options, int n, char *buf)
{
  for (char *tok = strtok (buf, " \t"); tok && n < MAX_OPTIONS;
       tok = strtok (NULL, " \t"))
    options[n++].optionString = tok;
  return n;
}

/* Describes a pending Java exception in one line, and clears it.  */
static void
describe_exception (JNIEnv *env, const char *what)
{
  jthrowable e = (*env)->ExceptionOccurred (env);
  (*env)->ExceptionClear (env);
  const char *text = "unknown exception";
  jstring s = NULL;
  if (e)
    {
      jclass c = (*env)->FindClass (env, "java/lang/Object");
      jmethodID to_string = c ? (*env)->GetMethodID (env, c, "toString",
                                                     "()Ljava/lang/String;")
                              : NULL;
      s = to_string ? (*env)->CallObjectMethod (env, e, to_string) : NULL;
      (*env)->ExceptionClear (env);
      if (s)
        text = (*env)->GetStringUTFChars (env, s, NULL);
    }
  hts__error (HTS_E_JVM, "hts: %s: %s", what, text);
  if (s)
    (*env)->ReleaseStringUTFChars (env, s, text);
}

/* With HTS_TIMING set (and not "0"), one line on stderr per step of the
   JVM's start: wall-clock milliseconds since hts_init began it, and the
   process's CPU milliseconds since it began, so that a person can see
   where a short Emacs's start-up goes.  */
static void
start_mark (const char *step)
{
  static int on = -1;
  static struct timespec t0;
  if (on < 0)
    {
      const char *e = getenv ("HTS_TIMING");
      on = e && *e && strcmp (e, "0") != 0;
      clock_gettime (CLOCK_MONOTONIC, &t0);
    }
  if (!on)
    return;
  struct timespec now, cpu;
  clock_gettime (CLOCK_MONOTONIC, &now);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  fprintf (stderr, "hts: %7.2f ms wall, %7.2f ms CPU: %s\n",
           (now.tv_sec - t0.tv_sec) * 1e3 + (now.tv_nsec - t0.tv_nsec) / 1e6,
           cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6, step);
}

static JNIEnv *
create_vm (void *libjvm, const char *libjvm_path, const char *java_home)
{
  JNIEnv *env = NULL;

  /* A host that is itself a Java process (JUnit driving a fixture) has a
     VM already; join it.  */
  created_vms_fn created
      = (created_vms_fn) dlsym (libjvm, "JNI_GetCreatedJavaVMs");
  jsize nvms = 0;
  if (created && created (&vm, 1, &nvms) == JNI_OK && nvms > 0)
    {
      if ((*vm)->AttachCurrentThreadAsDaemon (vm, (void **) &env, NULL)
          != JNI_OK)
        {
          hts__error (HTS_E_JVM, "hts: cannot attach to the running JVM");
          return NULL;
        }
      return env;
    }

  create_vm_fn create = (create_vm_fn) dlsym (libjvm, "JNI_CreateJavaVM");
  if (!create)
    {
      hts__error (HTS_E_JVM, "hts: %s has no JNI_CreateJavaVM", libjvm_path);
      return NULL;
    }

  const char *cp = getenv ("HTS_CLASSPATH");
  char *store_cp = NULL, *aot_cache = NULL;
  char *cp_option = NULL;
  if (!store_paths (&store_cp, &aot_cache)
      || asprintf (&cp_option, "-Djava.class.path=%s",
                   cp && *cp ? cp : store_cp)
             < 0)
    {
      free (store_cp);
      free (aot_cache);
      hts__error (HTS_E_JVM, "hts: out of memory starting the JVM");
      return NULL;
    }
  free (store_cp);

  /* HotSpot's suspend/resume signal is SIGUSR2 by default, which it
     would take from the host; move it to a real-time signal.  */
  setenv ("_JAVA_SR_SIGNUM", "40", 0);

  JavaVMOption options[MAX_OPTIONS];
  int n = 0;
  options[n++].optionString = cp_option;
  /* SIGINT, SIGTERM, SIGHUP and SIGQUIT belong to the host.  */
  options[n++].optionString = (char *) "-Xrs";
  /* A JVM created on the host's main thread puts a guard zone about one
     -Xss below the top of that thread's stack, which kills a host (such
     as Emacs) that recurses deeper in C; leave the host's stack alone.  */
  options[n++].optionString = (char *) "-XX:+UnlockExperimentalVMOptions";
  options[n++].optionString
      = (char *) "-XX:+DisablePrimordialThreadGuardPages";
  /* The FFM backend reads and writes C memory, and JNA loads its JNI
     library; JDK 24 and later warn on stderr about both without this.  */
  options[n++].optionString = (char *) "--enable-native-access=ALL-UNNAMED";
  /* A store inside another program: one GC thread, less memory.  A
     young generation of 16 MiB, not the default quarter of the initial
     heap: a program making and dropping tables by the million then levels
     off at about 80 MiB of RSS rather than 175, no slower.  */
  options[n++].optionString = (char *) "-XX:+UseSerialGC";
  options[n++].optionString = (char *) "-Xmn16m";
  /* No hsperfdata file per host process (jps would list every Emacs):
     a millisecond of start-up, and files in /tmp.  */
  options[n++].optionString = (char *) "-XX:-UsePerfData";
  /* Under -Xrs HotSpot starts its attach listener at once: a thread, and
     a socket /tmp/.java_pid<pid> that only the JVM's own shutdown, which
     a host's exit skips, removes.  HTS_JVM_OPTS=-XX:-DisableAttachMechanism
     brings it back for jcmd.  */
  options[n++].optionString = (char *) "-XX:+DisableAttachMechanism";
  /* Every crossing into Java changes the thread's state, and HotSpot
     makes that change visible to its safepoints with a full fence, which
     an Emacs busy writing its own stack pays dearly for: about a fifth of
     a write's time.  With membarrier (2) the VM thread makes the barrier
     instead, at each safepoint.  Measured on JDK 25, so only there.  */
  int release = jdk_release (java_home);
  if (release >= 25 && system_memory_barrier_works ())
    options[n++].optionString = (char *) "-XX:+UseSystemMemoryBarrier";
  /* The build's AOT cache of the store's classes (JDK 25 and later; see
     pom.xml; make install makes another for the installed class path)
     saves some 40 ms, but only the build's JDK and class path can use it,
     and a JDK before 25 refuses the option.  A cache that does not match
     is ignored, silently.  */
  char *aot_option = NULL;
  if (!getenv ("HTS_CLASSPATH") && !strcmp (java_home, HTS_DEFAULT_JAVA_HOME)
      && release >= 25 && access (aot_cache, R_OK) == 0
      && asprintf (&aot_option, "-XX:AOTCache=%s", aot_cache) >= 0)
    options[n++].optionString = aot_option;
  free (aot_cache);
  options[n].optionString = (char *) "vfprintf";
  options[n++].extraInfo = (void *) jvm_vfprintf;
  options[n].optionString = (char *) "abort";
  options[n++].extraInfo = (void *) jvm_abort;
  const char *user = getenv ("HTS_JVM_OPTS");
  char *user_copy = user ? strdup (user) : NULL;
  if (user_copy)
    n = add_user_options (options, n, user_copy);

  JavaVMInitArgs args;
  args.version = JNI_VERSION_10;
  args.nOptions = n;
  args.options = options;
  args.ignoreUnrecognized = JNI_FALSE;
  captured[0] = 0;
  starting_jvm = libjvm_path;
  __atomic_store_n (&capturing, true, __ATOMIC_RELEASE);
  jint rc = create (&vm, (void **) &env, &args);
  __atomic_store_n (&capturing, false, __ATOMIC_RELEASE);
  starting_jvm = NULL;
  free (cp_option);
  free (aot_option);
  free (user_copy);
  if (rc != JNI_OK)
    {
      hts__error (HTS_E_JVM, "hts: the JVM in %s refused to start: %s",
                  libjvm_path, start_failure ());
      vm = NULL;
      return NULL;
    }
  return env;
}

/* ---- JniShim's natives: Java's calls into C ---------------------- */

static void JNICALL
jni_set_error (JNIEnv *env, jclass c, jint code, jstring message)
{
  const char *m
      = message ? (*env)->GetStringUTFChars (env, message, NULL) : NULL;
  hts__set_error (code, m ? m : "unknown error");
  if (m)
    (*env)->ReleaseStringUTFChars (env, message, m);
}

/* Leaves an OutOfMemoryError pending for Java, saying WHAT C lacked.  */
static void
throw_out_of_memory (JNIEnv *env, const char *what)
{
  jclass oom = (*env)->FindClass (env, "java/lang/OutOfMemoryError");
  if (oom)
    (*env)->ThrowNew (env, oom, what);
}

static void JNICALL
jni_noop (JNIEnv *env, jclass c)
{
}

static void JNICALL
jni_publish_entry (JNIEnv *env, jclass c, jlong address, jstring name)
{
  const char *text = name ? (*env)->GetStringUTFChars (env, name, NULL) : NULL;
  hts__publish ((hts__dispatch_fn) (intptr_t) address, text ? text : "?");
  start_mark ("the backend's own entry point published");
  if (text)
    (*env)->ReleaseStringUTFChars (env, name, text);
}

/* C memory for the JNI backend (JniMemory.java).  */

static void JNICALL
jni_put_long (JNIEnv *env, jclass c, jlong address, jlong value)
{
  *(jlong *) (intptr_t) address = value;
}

static void JNICALL
jni_get_longs (JNIEnv *env, jclass c, jlong address, jlongArray dst, jint n)
{
  (*env)->SetLongArrayRegion (env, dst, 0, n,
                              (const jlong *) (intptr_t) address);
}

static void JNICALL
jni_put_longs (JNIEnv *env, jclass c, jlong address, jlongArray src, jint n)
{
  (*env)->GetLongArrayRegion (env, src, 0, n, (jlong *) (intptr_t) address);
}

/* Words for hts_roots to hand C, valid until the next call.  */
static jlong JNICALL
jni_words (JNIEnv *env, jclass c, jlongArray src, jint n)
{
  static jlong *words;
  static jint capacity;
  if (n > capacity)
    {
      jint want = n > 1024 ? n : 1024;
      jlong *grown = realloc (words, want * sizeof *words);
      if (!grown)
        {
          throw_out_of_memory (env, "hts: no C memory for the words to mark");
          return 0;
        }
      words = grown;
      capacity = want;
    }
  (*env)->GetLongArrayRegion (env, src, 0, n, words);
  return (jlong) (intptr_t) words;
}

/* Tables' memory (ShimBlocks.java): a block of a large table's, calloc'd
   here and freed here (jni_free), so that AddressSanitizer sees it; or,
   through jni_allocate_slab, a slab the store carves small blocks from.  */
static jobject JNICALL
jni_allocate (JNIEnv *env, jclass c, jint n)
{
  void *block = calloc (n > 0 ? n : 1, 1);
  if (!block)
    return NULL;
  jobject buffer = (*env)->NewDirectByteBuffer (env, block, n);
  if (!buffer)
    free (block);
  return buffer;
}

/* A slab the pool keeps for the life of the process: C holds it too, so
   that LeakSanitizer, which cannot see the Java heap, finds it held.  */
static jobject JNICALL
jni_allocate_slab (JNIEnv *env, jclass c, jint n)
{
  static void **slabs;
  static size_t count, capacity;
  if (count == capacity)
    {
      size_t want = capacity ? 2 * capacity : 64;
      void **grown = realloc (slabs, want * sizeof *slabs);
      if (!grown)
        return NULL;
      slabs = grown;
      capacity = want;
    }
  jobject buffer = jni_allocate (env, c, n);
  if (buffer)
    slabs[count++] = (*env)->GetDirectBufferAddress (env, buffer);
  return buffer;
}

static jlong JNICALL
jni_address (JNIEnv *env, jclass c, jobject block)
{
  return (jlong) (intptr_t) (*env)->GetDirectBufferAddress (env, block);
}

static void JNICALL
jni_free (JNIEnv *env, jclass c, jobject block)
{
  free ((*env)->GetDirectBufferAddress (env, block));
}

/* JniShim.poisons and JniShim.poison: the pool (BlockPool.java) keeps
   the blocks it frees, so AddressSanitizer learns of a freed one from
   it.  poisons is also exported under its JNI name, for the AOT training
   run (see JniShim.getenv below).  */
JNIEXPORT jboolean JNICALL
Java_org_emacs_hts_bridge_JniShim_poisons (JNIEnv *env, jclass c)
{
#if defined __SANITIZE_ADDRESS__
  return JNI_TRUE;
#else
  return JNI_FALSE;
#endif
}

static void JNICALL
jni_poison (JNIEnv *env, jclass c, jlong address, jint n, jboolean on)
{
#if defined __SANITIZE_ADDRESS__
  if (on)
    ASAN_POISON_MEMORY_REGION ((void *) (intptr_t) address, n);
  else
    ASAN_UNPOISON_MEMORY_REGION ((void *) (intptr_t) address, n);
#endif
}

/* JniShim.getenv.  Also exported under its JNI name, for the AOT
   training run, which loads the shim with System.load and registers
   nothing.  */
JNIEXPORT jstring JNICALL
Java_org_emacs_hts_bridge_JniShim_getenv (JNIEnv *env, jclass c, jstring name)
{
  const char *n = name ? (*env)->GetStringUTFChars (env, name, NULL) : NULL;
  const char *value = n ? getenv (n) : NULL;
  if (n)
    (*env)->ReleaseStringUTFChars (env, name, n);
  if (!value)
    return NULL;
  /* NewStringUTF takes modified UTF-8 only; the store's settings are
     ASCII, so any other byte becomes '?', which no setting accepts.  */
  char *ascii = strdup (value);
  if (!ascii)
    {
      throw_out_of_memory (env,
                           "hts: no C memory for an environment variable");
      return NULL;
    }
  for (char *p = ascii; *p; p++)
    if ((unsigned char) *p >= 0x80)
      *p = '?';
  jstring result = (*env)->NewStringUTF (env, ascii);
  free (ascii);
  return result;
}

static int
register_natives (JNIEnv *env)
{
  static const JNINativeMethod methods[] = {
    { (char *) "setError", (char *) "(ILjava/lang/String;)V",
      (void *) jni_set_error },
    { (char *) "noop", (char *) "()V", (void *) jni_noop },
    { (char *) "publishEntry", (char *) "(JLjava/lang/String;)V",
      (void *) jni_publish_entry },
    { (char *) "putLong", (char *) "(JJ)V", (void *) jni_put_long },
    { (char *) "getLongs", (char *) "(J[JI)V", (void *) jni_get_longs },
    { (char *) "putLongs", (char *) "(J[JI)V", (void *) jni_put_longs },
    { (char *) "words", (char *) "([JI)J", (void *) jni_words },
    { (char *) "allocate", (char *) "(I)Ljava/nio/ByteBuffer;",
      (void *) jni_allocate },
    { (char *) "allocateSlab", (char *) "(I)Ljava/nio/ByteBuffer;",
      (void *) jni_allocate_slab },
    { (char *) "address", (char *) "(Ljava/nio/ByteBuffer;)J",
      (void *) jni_address },
    { (char *) "free", (char *) "(Ljava/nio/ByteBuffer;)V",
      (void *) jni_free },
    { (char *) "poisons", (char *) "()Z",
      (void *) Java_org_emacs_hts_bridge_JniShim_poisons },
    { (char *) "poison", (char *) "(JIZ)V", (void *) jni_poison },
    { (char *) "getenv", (char *) "(Ljava/lang/String;)Ljava/lang/String;",
      (void *) Java_org_emacs_hts_bridge_JniShim_getenv },
  };
  jclass shim = (*env)->FindClass (env, "org/emacs/hts/bridge/JniShim");
  if (!shim
      || (*env)->RegisterNatives (env, shim, methods,
                                  sizeof methods / sizeof *methods)
             != JNI_OK)
    {
      describe_exception (env, "the Java store is not on the class path"
                               " (check HTS_CLASSPATH)");
      return HTS_E_JVM;
    }
  return HTS_OK;
}

/* ---- the JNI backend's entry point -------------------------------- */

/* What C calls through JNI: an object with Dispatch.call's signature.  */
static jobject jni_target;
static jmethodID jni_call;

/* This thread's JNIEnv, attaching it (as a daemon, for good) if need be.  */
static JNIEnv *
thread_env (void)
{
  static __thread JNIEnv *env;
  if (!env && (*vm)->GetEnv (vm, (void **) &env, JNI_VERSION_10) != JNI_OK
      && (*vm)->AttachCurrentThreadAsDaemon (vm, (void **) &env, NULL)
             != JNI_OK)
    env = NULL;
  return env;
}

static int
cannot_attach (void)
{
  hts__error (HTS_E_JVM, "hts: cannot attach this thread to the JVM");
  return HTS_E_JVM;
}

static int64_t
jni_dispatch (int32_t op, int64_t a, int64_t b, int64_t c, int64_t d,
              int64_t e)
{
  JNIEnv *env = thread_env ();
  if (!env)
    return cannot_attach ();
  jlong r = (*env)->CallLongMethod (env, jni_target, jni_call, (jint) op,
                                    (jlong) a, (jlong) b, (jlong) c, (jlong) d,
                                    (jlong) e);
  /* Dispatch.call catches everything; only an error on the way in (a
     stack overflow, say) is left pending.  */
  if ((*env)->ExceptionCheck (env))
    {
      describe_exception (env, "the Java store failed");
      return HTS_E_INTERNAL;
    }
  return r;
}

/* The FFM backend leaves its entry point's address for the shim to
   publish (Bridge.entryAddress), since a call from Java into C would cost
   it tens of milliseconds at start-up; JNA has published its own; the
   JNI backend (and FFM, until its stub is made) has its Dispatch called
   through JNI.  */
static int
publish_entry (JNIEnv *env, jclass bridge)
{
  jmethodID address
      = (*env)->GetStaticMethodID (env, bridge, "entryAddress", "()J");
  jmethodID operations
      = (*env)->GetStaticMethodID (env, bridge, "operations", "()I");
  jmethodID name = (*env)->GetStaticMethodID (env, bridge, "backendName",
                                              "()Ljava/lang/String;");
  if (!address || !operations || !name)
    {
      describe_exception (env, "the Java store has no Bridge.entryAddress");
      return HTS_E_JVM;
    }
  jlong fn = (*env)->CallStaticLongMethod (env, bridge, address);
  if (!fn)
    {
      jmethodID target = (*env)->GetStaticMethodID (env, bridge, "jniEntry",
                                                    "()Ljava/lang/Object;");
      jobject t = target ? (*env)->CallStaticObjectMethod (env, bridge, target)
                         : NULL;
      if (!t)
        {
          if (!(*env)->ExceptionCheck (env))
            return HTS_OK; /* JNA has published its own entry point.  */
          describe_exception (env, "the Java store has no Bridge.jniEntry");
          return HTS_E_JVM;
        }
      jni_target = (*env)->NewGlobalRef (env, t);
      jni_call = (*env)->GetMethodID (env, (*env)->GetObjectClass (env, t),
                                      "call", "(IJJJJJ)J");
      if (!jni_target || !jni_call)
        {
          describe_exception (env,
                              "the Java store's JNI entry has no call method");
          return HTS_E_JVM;
        }
      fn = (jlong) (intptr_t) jni_dispatch;
    }
  jint n = (*env)->CallStaticIntMethod (env, bridge, operations);
  jstring s = (*env)->CallStaticObjectMethod (env, bridge, name);
  const char *text = s ? (*env)->GetStringUTFChars (env, s, NULL) : NULL;
  hts__set_dispatch ((hts__dispatch_fn) (intptr_t) fn);
  hts__install (n, text ? text : "?");
  if (text)
    (*env)->ReleaseStringUTFChars (env, s, text);
  return HTS_OK;
}

/* HotSpot installs its SIGSEGV and SIGBUS handlers without SA_ONSTACK.
   A host that recovers from C stack overflow on an alternate signal
   stack (Emacs does) then dies instead: the kernel runs HotSpot's handler,
   which would chain to the host's, on the exhausted stack.  Add SA_ONSTACK
   to the installed actions.  libjsig would only record a sigaction call
   for these signals as the host's handler, so call libc's own.  On a
   thread with no alternate stack, SA_ONSTACK changes nothing.  */
static void
run_jvm_fault_handlers_on_alternate_stack (void)
{
  typedef int (*sigaction_fn) (int, const struct sigaction *,
                               struct sigaction *);
  sigaction_fn real_sigaction = (sigaction_fn) dlsym (RTLD_NEXT, "sigaction");
  if (!real_sigaction)
    real_sigaction = sigaction;
  static const int sigs[] = { SIGSEGV, SIGBUS };
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
    {
      struct sigaction action;
      if (real_sigaction (sigs[i], NULL, &action) == 0
          && !(action.sa_flags & SA_ONSTACK))
        {
          action.sa_flags |= SA_ONSTACK;
          real_sigaction (sigs[i], &action, NULL);
        }
    }
}

int
hts__start_jvm (int host_version, int64_t host_unused_key)
{
  const char *home = getenv ("HTS_JAVA_HOME");
  if (!home || !*home)
    home = getenv ("JAVA_HOME");
  if (!home || !*home)
    home = HTS_DEFAULT_JAVA_HOME;

  start_mark ("hts_init: the JVM starts");
  char libjvm_path[4096];
  snprintf (libjvm_path, sizeof libjvm_path, "%s/lib/server/libjvm.so", home);
  void *libjvm = dlopen (libjvm_path, RTLD_NOW | RTLD_GLOBAL);
  if (!libjvm)
    {
      hts__error (HTS_E_JVM, "hts: cannot load the JVM: %s", dlerror ());
      return HTS_E_JVM;
    }

  start_mark ("libjvm.so loaded");
  JNIEnv *env = create_vm (libjvm, libjvm_path, home);
  if (!env)
    return HTS_E_JVM;
  start_mark ("JNI_CreateJavaVM returned");
  run_jvm_fault_handlers_on_alternate_stack ();

  if (register_natives (env) != HTS_OK)
    return HTS_E_JVM;
  jclass bridge = (*env)->FindClass (env, "org/emacs/hts/bridge/Bridge");
  if (!bridge)
    {
      describe_exception (env, "the Java store is not on the class path"
                               " (check HTS_CLASSPATH)");
      return HTS_E_JVM;
    }
  jmethodID install = (*env)->GetStaticMethodID (
      env, bridge, "install", "(Ljava/lang/String;IJ)Ljava/lang/String;");
  if (!install)
    {
      describe_exception (env, "the Java store has no Bridge.install");
      return HTS_E_JVM;
    }
  const char *path = shim_path ();
  jstring jpath = path ? (*env)->NewStringUTF (env, path) : NULL;
  start_mark ("natives registered, Bridge found");
  jstring failure = (*env)->CallStaticObjectMethod (env, bridge, install,
                                                    jpath, (jint) host_version,
                                                    (jlong) host_unused_key);
  start_mark ("Bridge.install returned");
  if ((*env)->ExceptionCheck (env))
    {
      describe_exception (env, "the Java bridge failed");
      return HTS_E_JVM;
    }
  if (failure)
    {
      const char *text = (*env)->GetStringUTFChars (env, failure, NULL);
      hts__error (HTS_E_JVM, "hts: %s", text);
      (*env)->ReleaseStringUTFChars (env, failure, text);
      return HTS_E_JVM;
    }
  int rc = publish_entry (env, bridge);
  start_mark ("entry point published: the store is ready");
  return rc;
}

int
hts__attach (void)
{
  if (!vm)
    {
      hts__error (HTS_E_JVM, "hts: hts_init has not started the JVM");
      return HTS_E_JVM;
    }
  return thread_env () ? HTS_OK : cannot_attach ();
}
