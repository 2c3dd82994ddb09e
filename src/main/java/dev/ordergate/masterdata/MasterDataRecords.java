package dev.ordergate.masterdata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Master data where orders are sold from (Odoo), in our entity and field names. */
public interface MasterDataRecords {

    /**
     * Every record changed at or after the watermark (all records when it is null), oldest change first. At, not
     * after: a system that stamps in microseconds and answers in seconds may commit more in the watermark's second.
     */
    List<MasterDataRecord> changedSince(String entity, String watermark);

    /** The record with this reference as it is now, if one exists. */
    Optional<MasterDataRecord> find(String entity, String key);

    /**
     * Writes these fields on the record with this reference and answers its new change time; empty when no record
     * has the reference. Writing a value it already has changes nothing but the change time.
     */
    Optional<String> write(String entity, String key, Map<String, String> fields);
}
