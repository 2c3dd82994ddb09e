package dev.ordergate.sync;

/**
 * What a kind of sync adds to its run's report. The capability that runs the sync answers it (pricing for price
 * lists, masterdata for master data); the run machinery here only asks, so it knows none of them.
 */
public interface SyncRunDetails {

    /** The run kind this answers for, as {@link SyncRuns} records it ({@code price-lists} ...). */
    String kind();

    /** The kind's part of the report, written beside the run's own fields. */
    Object of(String runId);
}
