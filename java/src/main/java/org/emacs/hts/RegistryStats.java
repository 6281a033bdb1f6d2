package org.emacs.hts;

/**
 * The registry's counters.
 *
 * @param liveTables       tables managed now
 * @param liveEntries      entries in all of them
 * @param droppedLastSweep tables the last sweep dropped
 * @param droppedTotal     tables dropped by all sweeps and frees so far
 */
public record RegistryStats(int liveTables, long liveEntries, int droppedLastSweep, long droppedTotal) {}
