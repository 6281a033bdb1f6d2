package org.emacs.hts;

import java.util.List;

/**
 * The store's figures, for a person tuning Emacs: what
 * {@code internal--hash-table-store-stats} returns to Lisp, and what the
 * debug log prints after each sweep.  The components are in the order of
 * include/hts.h's {@code HTS_STATS_FIELDS}, which also gives their labels;
 * BoundaryTest holds the two together.
 *
 * @param liveTables       tables the registry holds, pure ones included
 * @param liveEntries      entries in all of them
 * @param weakTables       of the tables, those with a weakness
 * @param pureTables       pure (purecopied) tables, never swept
 * @param nativeBytes      bytes of native memory the tables' layouts hold, headers included
 * @param gcs              sweeps the registry has taken part in
 * @param droppedLastGc    tables the last sweep dropped
 * @param droppedTotal     tables dropped by all sweeps and frees so far
 * @param jvmHeapUsed      bytes of the Java heap in use
 * @param jvmHeapCommitted bytes of memory committed to the Java heap
 */
public record StoreStats(long liveTables, long liveEntries, long weakTables, long pureTables,
                         long nativeBytes, long gcs, long droppedLastGc, long droppedTotal,
                         long jvmHeapUsed, long jvmHeapCommitted) {
    /** The labels, as Lisp's plist keys (without the colon) and the log's. */
    public static final List<String> LABELS = List.of(
        "live-tables", "live-entries", "weak-tables", "pure-tables", "native-bytes",
        "gcs", "dropped-last-gc", "dropped-total", "jvm-heap-used", "jvm-heap-committed");

    /** The figures in the components' order: what C reads as struct hts_stats. */
    public long[] values() {
        return new long[] {
            liveTables, liveEntries, weakTables, pureTables, nativeBytes,
            gcs, droppedLastGc, droppedTotal, jvmHeapUsed, jvmHeapCommitted,
        };
    }

    /** "live-tables 3, live-entries 12, ...": the log's line. */
    @Override
    public String toString() {
        long[] v = values();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) b.append(", ");
            b.append(LABELS.get(i)).append(' ').append(v[i]);
        }
        return b.toString();
    }
}
