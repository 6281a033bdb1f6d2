package org.emacs.hts.bridge;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * {@link ShimAccess} through FFM downcall handles, and C memory through one
 * segment that spans the address space (C's pointers arrive as raw
 * addresses).  Needs --enable-native-access, which the shim passes.
 *
 * <p>Making the first downcall handle costs FFM some 35 ms, and none is
 * needed until an error or a GC with weak tables, so they are made on a
 * background thread at start-up; a caller that comes sooner waits for it.
 */
final class FfmShimAccess implements ShimAccess {
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    /** The downcalls, made once by whoever comes first: the warming thread or a caller. */
    private static final class Downcalls {
        static MethodHandle setError, heapSurvives, heapMark, noop;

        static void bind(String shimPath) {
            if (noop != null) return;
            // The shim is already loaded; this finds the same handle.
            SymbolLookup shim = SymbolLookup.libraryLookup(Path.of(shimPath), Arena.global());
            setError = downcall(shim, "hts__set_error", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS));
            heapSurvives = downcall(shim, "hts__heap_survives", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS));
            heapMark = downcall(shim, "hts__heap_mark", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
            noop = downcall(shim, "hts__noop", FunctionDescriptor.ofVoid());
        }

        private static MethodHandle downcall(SymbolLookup lib, String name, FunctionDescriptor d) {
            MemorySegment f = lib.find(name).orElse(null);
            if (f == null) throw new IllegalStateException("the shim lacks " + name);
            return Linker.nativeLinker().downcallHandle(f, d);
        }
    }

    private final String shimPath;
    /** Where {@link #words} puts the words; freed by the JVM once replaced and unreachable. */
    private MemorySegment buffer = MemorySegment.NULL;

    FfmShimAccess(String shimPath) {
        this.shimPath = shimPath;
        Thread warm = new Thread(new Runnable() {
            @Override public void run() {
                downcalls();
            }
        }, "hts-ffm-downcalls");
        warm.setDaemon(true);
        warm.start();
    }

    /** The bound downcalls; the first caller binds them, later ones wait for it. */
    private Class<Downcalls> downcalls() {
        synchronized (Downcalls.class) {
            Downcalls.bind(shimPath);
        }
        return Downcalls.class;
    }

    @Override
    public void setError(int code, String message) {
        downcalls();
        try (Arena a = Arena.ofConfined()) {
            Downcalls.setError.invokeExact(code, a.allocateFrom(message));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void heapSurvives(long[] words, int n, byte[] out) {
        downcalls();
        // A fresh arena per batch: C's survives_gc_p never calls back into Java.
        try (Arena a = Arena.ofConfined()) {
            MemorySegment w = a.allocate(JAVA_LONG, Math.max(n, 1));
            MemorySegment f = a.allocate(JAVA_BYTE, Math.max(n, 1));
            MemorySegment.copy(words, 0, w, JAVA_LONG, 0, n);
            Downcalls.heapSurvives.invokeExact(w, (long) n, f);
            MemorySegment.copy(f, JAVA_BYTE, 0, out, 0, n);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void heapMark(long[] words, int n) {
        downcalls();
        // mark_object may re-enter Java (hts_mark on a table it reaches), so
        // the words sit in memory of their own for the whole call.
        try (Arena a = Arena.ofConfined()) {
            MemorySegment w = a.allocate(JAVA_LONG, Math.max(n, 1));
            MemorySegment.copy(words, 0, w, JAVA_LONG, 0, n);
            Downcalls.heapMark.invokeExact(w, (long) n);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public long words(long[] src, int n) {
        if (buffer.byteSize() < 8L * n) buffer = Arena.ofAuto().allocate(JAVA_LONG, Math.max(n, 1024));
        MemorySegment.copy(src, 0, buffer, JAVA_LONG, 0, n);
        return buffer.address();
    }

    @Override
    public void noop() {
        downcalls();
        try {
            Downcalls.noop.invokeExact();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void putLong(long address, long value) {
        ALL.set(JAVA_LONG_UNALIGNED, address, value);
    }

    @Override
    public void getLongs(long address, long[] dst, int n) {
        MemorySegment.copy(ALL, JAVA_LONG_UNALIGNED, address, dst, 0, n);
    }

    @Override
    public void putLongs(long address, long[] src, int n) {
        MemorySegment.copy(src, 0, ALL, JAVA_LONG_UNALIGNED, address, n);
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) return r;
        if (e instanceof Error err) throw err;
        return new IllegalStateException(e);
    }
}
