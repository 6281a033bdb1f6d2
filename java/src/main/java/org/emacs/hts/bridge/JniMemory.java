package org.emacs.hts.bridge;

/**
 * {@link NativeMemory} through the shim's JNI natives ({@link JniShim}):
 * what the JNI backend uses, since it must not wait for FFM or load JNA.
 */
final class JniMemory implements NativeMemory {
    @Override
    public void putLong(long address, long value) {
        JniShim.putLong(address, value);
    }

    @Override
    public void getLongs(long address, long[] dst, int n) {
        JniShim.getLongs(address, dst, n);
    }

    @Override
    public void putLongs(long address, long[] src, int n) {
        JniShim.putLongs(address, src, n);
    }

    @Override
    public long words(long[] src, int n) {
        return JniShim.words(src, n);
    }
}
