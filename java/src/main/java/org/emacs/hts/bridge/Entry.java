package org.emacs.hts.bridge;

import com.sun.jna.Callback;

/**
 * The entry points C calls, in the order of native/hts_entries.h, and one
 * callback signature per shape of C function.  Each backend turns an
 * {@link Entries} object into one function pointer per entry.
 */
enum Entry {
    NEW, COPY, FREE, CLEAR, COUNT, CAPACITY,
    FIND_EQ, PROBE, INSERT, REMOVE, REMOVE_EQ, SET_VALUE, GET, NEXT,
    EXPORT, IMPORT, MARK, ROOTS, WEAK_MARK, WEAK_REMOVE, SWEEP, STATS, TEST_HOOK;

    // C signatures, named by their arguments: J = int64 (pointers too, as raw
    // addresses: the same register on x86-64 and AArch64), I = int32, F = float.
    interface V extends Callback { long invoke(); }
    interface J extends Callback { long invoke(long a); }
    interface JJ extends Callback { long invoke(long a, long b); }
    interface JJJ extends Callback { long invoke(long a, long b, long c); }
    interface JJJJ extends Callback { long invoke(long a, long b, long c, long d); }
    interface JJJJJ extends Callback { long invoke(long a, long b, long c, long d, long e); }
    interface IJ extends Callback { long invoke(int a, long b); }
    interface JFFIJ extends Callback { long invoke(long a, float b, float c, int d, long e); }
    interface JFFIJJJIJ extends Callback {
        long invoke(long a, float b, float c, int d, long e, long f, long g, int h, long i);
    }
}
