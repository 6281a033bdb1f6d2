package org.emacs.hts.bridge;

import com.sun.jna.Callback;

/**
 * The entry points C calls, in the order of native/hts_entries.h, and one
 * callback signature per shape of C function.  Each backend turns an
 * {@link Entries} object into one function pointer per entry.
 */
enum Entry {
    NEW("newTable"), COPY("copy"), FREE("free"), CLEAR("clear"), COUNT("count"),
    CAPACITY("capacity"), FIND_EQ("findEq"), PROBE("probe"), INSERT("insert"),
    REMOVE("remove"), REMOVE_EQ("removeEq"), SET_VALUE("setValue"), GET("get"),
    NEXT("next"), NEXT_N("nextN"), PUT_EQ("putEq"), EXPORT("export"), IMPORT("importTable"), MARK("mark"), ROOTS("roots"),
    WEAK_MARK("weakMark"), WEAK_REMOVE("weakRemove"), SWEEP("sweep"), STATS("stats"),
    TEST_HOOK("testHook");

    /** The {@link Entries} method that implements this entry point. */
    final String method;

    Entry(String method) {
        this.method = method;
    }

    // C signatures, named by their arguments: J = int64 (pointers too, as raw
    // addresses: the same register on x86-64 and AArch64), I = int32, F = float.
    interface V extends Callback { long invoke(); }
    interface J extends Callback { long invoke(long a); }
    interface JJ extends Callback { long invoke(long a, long b); }
    interface JJJ extends Callback { long invoke(long a, long b, long c); }
    interface JJJJ extends Callback { long invoke(long a, long b, long c, long d); }
    interface JJJJJ extends Callback { long invoke(long a, long b, long c, long d, long e); }
    interface JJJJJJ extends Callback { long invoke(long a, long b, long c, long d, long e, long f); }
    interface IJ extends Callback { long invoke(int a, long b); }
    interface JFFIJ extends Callback { long invoke(long a, float b, float c, int d, long e); }
    interface JFFIJJJIJ extends Callback {
        long invoke(long a, float b, float c, int d, long e, long f, long g, int h, long i);
    }
}
