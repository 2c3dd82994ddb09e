package dev.ordergate.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.masterdata.MasterDataEntities.Kind;
import dev.ordergate.masterdata.MasterDataEntities;
import dev.ordergate.masterdata.MasterDataRecord;
import dev.ordergate.masterdata.MasterDataRecords;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The synchronised master data in Odoo: customers are contacts by {@code ref}, products variants by
 * {@code default_code}, units of measure {@code uom.uom} and tax categories sale taxes ({@code account.tax}) by name,
 * warehouses by code. Changes are found by {@code write_date}, which Odoo stamps on every write.
 */
@Component
class OdooMasterDataRecords implements MasterDataRecords {

    /** Where an entity lives in Odoo: the model, the field holding our reference, our field names → Odoo's. */
    private record Mapping(String model, String key, List<Object> domain, Map<String, String> fields) {
    }

    private static final Map<String, Mapping> MAPPINGS = Map.of(
            "customers", new Mapping("res.partner", "ref", List.of(List.of("ref", "!=", false)), ordered(
                    "name", "name", "street", "street", "city", "city", "postalCode", "zip", "email", "email",
                    "phone", "phone", "vat", "vat", "creditLimit", "credit_limit")),
            "products", new Mapping("product.product", "default_code", List.of(List.of("default_code", "!=", false)),
                    ordered("name", "name", "listPrice", "list_price", "cost", "standard_price", "barcode", "barcode")),
            "units-of-measure", new Mapping("uom.uom", "name", List.of(), ordered("factor", "factor")),
            "tax-categories", new Mapping("account.tax", "name", List.of(List.of("type_tax_use", "=", "sale")),
                    ordered("rate", "amount", "label", "invoice_label")),
            "warehouses", new Mapping("stock.warehouse", "code", List.of(), ordered("name", "name")));

    private final OdooClient odoo;

    OdooMasterDataRecords(OdooClient odoo) {
        this.odoo = odoo;
    }

    @Override
    public List<MasterDataRecord> changedSince(String entity, String watermark) {
        Mapping mapping = mapping(entity);
        List<Object> domain = new ArrayList<>(mapping.domain());
        if (watermark != null) {
            domain.add(List.of("write_date", ">=", watermark));
        }
        List<MasterDataRecord> records = new ArrayList<>();
        for (JsonNode row : odoo.searchReadAll(mapping.model(), domain, fieldsToRead(mapping), "write_date, id")) {
            records.add(record(entity, mapping, row));
        }
        return records;
    }

    @Override
    public Optional<MasterDataRecord> find(String entity, String key) {
        Mapping mapping = mapping(entity);
        JsonNode found = odoo.searchRead(mapping.model(), List.of(List.of(mapping.key(), "=", key)), fieldsToRead(mapping),
                1, 0, null);
        return found.isEmpty() ? Optional.empty() : Optional.of(record(entity, mapping, found.get(0)));
    }

    @Override
    public Optional<String> write(String entity, String key, Map<String, String> fields) {
        Mapping mapping = mapping(entity);
        JsonNode found = odoo.searchRead(mapping.model(), List.of(List.of(mapping.key(), "=", key)), List.of("id"));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> ids = new ArrayList<>();
        found.forEach(r -> ids.add(r.get("id").intValue()));
        Map<String, Object> vals = new LinkedHashMap<>();
        Map<String, Kind> kinds = MasterDataEntities.entity(entity).fields();
        fields.forEach((field, value) -> vals.put(odooField(mapping, field), odooValue(kinds.get(field), value)));
        odoo.write(mapping.model(), ids, vals);
        // Our own write moves write_date; the sync keeps it so the next run does not take it for someone's change.
        JsonNode written = odoo.read(mapping.model(), ids, List.of("write_date"));
        String latest = null;
        for (JsonNode r : written) {
            String writeDate = OdooValues.text(r.path("write_date"));
            if (writeDate != null && (latest == null || writeDate.compareTo(latest) > 0)) {
                latest = writeDate;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static MasterDataRecord record(String entity, Mapping mapping, JsonNode row) {
        Map<String, Kind> kinds = MasterDataEntities.entity(entity).fields();
        Map<String, String> fields = new LinkedHashMap<>();
        mapping.fields().forEach((ours, theirs) -> {
            JsonNode value = row.path(theirs);
            Object raw = value.isMissingNode() || value.isNull() ? null
                    : value.isBoolean() ? (Object) value.booleanValue() : value.asText();
            fields.put(ours, MasterDataEntities.normalize(kinds.get(ours), raw));
        });
        return new MasterDataRecord(entity, OdooValues.text(row.path(mapping.key())),
                OdooValues.text(row.path("write_date")), fields);
    }

    private static List<String> fieldsToRead(Mapping mapping) {
        List<String> fields = new ArrayList<>(List.of(mapping.key(), "write_date"));
        mapping.fields().values().stream().filter(f -> !fields.contains(f)).forEach(fields::add);
        return fields;
    }

    private static String odooField(Mapping mapping, String field) {
        String odooField = mapping.fields().get(field);
        if (odooField == null) {
            throw new IllegalArgumentException("no Odoo field for " + field);
        }
        return odooField;
    }

    /** Odoo's empty is false for text and 0 for numbers. */
    private static Object odooValue(Kind kind, String value) {
        if (value == null) {
            return kind == Kind.NUMBER ? 0 : false;
        }
        return switch (kind) {
            case NUMBER -> OdooValues.number(new BigDecimal(value));
            case BOOLEAN -> Boolean.parseBoolean(value);
            case TEXT -> value;
        };
    }

    private static Mapping mapping(String entity) {
        Mapping mapping = MAPPINGS.get(entity);
        if (mapping == null) {
            throw new IllegalArgumentException("no Odoo mapping for master-data entity '" + entity + "'");
        }
        return mapping;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }
}
