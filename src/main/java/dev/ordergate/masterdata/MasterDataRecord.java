package dev.ordergate.masterdata;

import java.util.Map;

/**
 * One record of an entity as a system holds it: its reference, when it last changed there (Odoo's {@code write_date},
 * {@code YYYY-MM-DD HH:MM:SS} UTC) and its synchronised fields, normalised ({@link MasterDataEntities#normalize}).
 */
public record MasterDataRecord(String entity, String key, String changedAt, Map<String, String> fields) {
}
