package org.emacs.hts.bridge;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** {@link NativeMemory} through one JNA Pointer at address 0. */
final class JnaMemory implements NativeMemory {
    /** Serves every address as an offset, so nothing is allocated per call. */
    private static final Pointer BASE = new Pointer(0);
    /** Where {@link #words} puts the words; freed by JNA when replaced and collected. */
    private Memory buffer;

    @Override public void putLong(long address, long value) { BASE.setLong(address, value); }
    @Override public void getLongs(long address, long[] dst, int n) { BASE.read(address, dst, 0, n); }
    @Override public void putLongs(long address, long[] src, int n) { BASE.write(address, src, 0, n); }

    @Override public long words(long[] src, int n) {
        if (buffer == null || buffer.size() < 8L * n) buffer = new Memory(8L * Math.max(n, 1024));
        buffer.write(0, src, 0, n);
        return Pointer.nativeValue(buffer);
    }
}
