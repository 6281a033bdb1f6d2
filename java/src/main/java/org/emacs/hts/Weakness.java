package org.emacs.hts;

/** The five :weakness settings and sweep_weak_table's removal rule for each. */
public enum Weakness {
    NONE, KEY, VALUE, KEY_OR_VALUE, KEY_AND_VALUE;

    /** Whether an entry goes, given what survives this GC (fns.c sweep_weak_table). */
    boolean removes(boolean keySurvives, boolean valueSurvives) {
        switch (this) {
            case KEY: return !keySurvives;
            case VALUE: return !valueSurvives;
            case KEY_OR_VALUE: return !(keySurvives || valueSurvives);
            case KEY_AND_VALUE: return !(keySurvives && valueSurvives);
            default: return false;
        }
    }

    public boolean isWeak() {
        return this != NONE;
    }
}
