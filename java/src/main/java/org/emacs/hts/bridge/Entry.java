package org.emacs.hts.bridge;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * The entry points C calls, in the order of native/hts_entries.h, and one
 * callback signature per shape of C function.  Each backend turns an
 * {@link Entries} object into one function pointer per entry.
 */
enum Entry {
    NEW, COPY, FREE, CLEAR, COUNT, CAPACITY,
    FIND_EQ, PROBE, INSERT, REMOVE, REMOVE_EQ, SET_VALUE, GET, NEXT,
    EXPORT, IMPORT, MARK, ROOTS, WEAK_MARK, WEAK_REMOVE, SWEEP, STATS, TEST_HOOK;

    // C signatures, named by their arguments: J = int64, I = int32, F = float, P = pointer.
    interface V extends Callback { long invoke(); }
    interface J extends Callback { long invoke(long a); }
    interface JJ extends Callback { long invoke(long a, long b); }
    interface JJJ extends Callback { long invoke(long a, long b, long c); }
    interface JJJJ extends Callback { long invoke(long a, long b, long c, long d); }
    interface JJJP extends Callback { long invoke(long a, long b, long c, Pointer d); }
    interface JJJJP extends Callback { long invoke(long a, long b, long c, long d, Pointer e); }
    interface JJPP extends Callback { long invoke(long a, long b, Pointer c, Pointer d); }
    interface JPPJ extends Callback { long invoke(long a, Pointer b, Pointer c, long d); }
    interface P extends Callback { long invoke(Pointer a); }
    interface IJ extends Callback { long invoke(int a, long b); }
    interface JFFIJ extends Callback { long invoke(long a, float b, float c, int d, long e); }
    interface JFFIPPJIJ extends Callback {
        long invoke(long a, float b, float c, int d, Pointer e, Pointer f, long g, int h, long i);
    }
}
