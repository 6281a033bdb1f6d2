package org.emacs.hts.bridge;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** {@link ShimAccess} through JNA's direct-mapped {@link Shim} and one Pointer at address 0. */
final class JnaShimAccess implements ShimAccess {
    /** Serves every address as an offset, so nothing is allocated per call. */
    private static final Pointer BASE = new Pointer(0);
    /** Where {@link #words} puts the words; freed by JNA when replaced and collected. */
    private Memory buffer;

    JnaShimAccess(String shimPath) {
        Shim.bind(shimPath);
    }

    @Override public void setError(int code, String message) { Shim.hts__set_error(code, message); }
    @Override public void heapSurvives(long[] words, int n, byte[] out) { Shim.hts__heap_survives(words, n, out); }
    @Override public void heapMark(long[] words, int n) { Shim.hts__heap_mark(words, n); }
    @Override public void noop() { Shim.hts__noop(); }

    @Override public long words(long[] src, int n) {
        if (buffer == null || buffer.size() < 8L * n) buffer = new Memory(8L * Math.max(n, 1024));
        buffer.write(0, src, 0, n);
        return Pointer.nativeValue(buffer);
    }

    @Override public void putLong(long address, long value) { BASE.setLong(address, value); }
    @Override public void getLongs(long address, long[] dst, int n) { BASE.read(address, dst, 0, n); }
    @Override public void putLongs(long address, long[] src, int n) { BASE.write(address, src, 0, n); }
}
