package org.emacs.hts;

/**
 * The five :weakness settings, numbered as hts.h's enum hts_weakness.  Their
 * removal rules are fns.c sweep_weak_table's, applied by the shim (native/weak.c).
 */
public enum Weakness {
    NONE, KEY, VALUE, KEY_OR_VALUE, KEY_AND_VALUE;

    public boolean isWeak() {
        return this != NONE;
    }
}
