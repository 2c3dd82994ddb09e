package dev.ordergate.masterdata;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The master data the sync keeps in step, in our names: each entity's reference (the key both sides share) and its
 * synchronised fields with their kind. Values travel as text: numbers without trailing zeros, so Odoo's
 * {@code 5000.0} and the hub's {@code 5000} are the same value; an empty value is {@code null}.
 */
public final class MasterDataEntities {

    public static final String ODOO = "odoo";
    /** The systems that may own a field; the hub speaks for all but Odoo. */
    public static final Set<String> SYSTEMS = Set.of(ODOO, "crm", "finance", "pricing-engine");

    public enum Kind { TEXT, NUMBER, BOOLEAN }

    /** @param key what the reference is (for messages), @param fields field name → kind, in a stable order */
    public record Entity(String name, String key, Map<String, Kind> fields) {
    }

    private static final Map<String, Entity> ENTITIES = new LinkedHashMap<>();

    static {
        add(new Entity("customers", "customer reference", ordered(
                "name", Kind.TEXT, "street", Kind.TEXT, "city", Kind.TEXT, "postalCode", Kind.TEXT, "email", Kind.TEXT,
                "phone", Kind.TEXT, "vat", Kind.TEXT, "creditLimit", Kind.NUMBER)));
        add(new Entity("products", "SKU", ordered(
                "name", Kind.TEXT, "listPrice", Kind.NUMBER, "cost", Kind.NUMBER, "barcode", Kind.TEXT)));
        add(new Entity("units-of-measure", "unit name", ordered("factor", Kind.NUMBER)));
        add(new Entity("tax-categories", "tax name", ordered("rate", Kind.NUMBER, "label", Kind.TEXT)));
        add(new Entity("warehouses", "warehouse code", ordered("name", Kind.TEXT)));
    }

    private MasterDataEntities() {
    }

    public static List<String> names() {
        return List.copyOf(ENTITIES.keySet());
    }

    public static Entity entity(String name) {
        Entity entity = ENTITIES.get(name);
        if (entity == null) {
            throw new IllegalArgumentException("unknown master-data entity '" + name + "' (known: " + names() + ")");
        }
        return entity;
    }

    static boolean known(String name) {
        return ENTITIES.containsKey(name);
    }

    /** A value as text in the one form both sides compare: numbers plain and without trailing zeros. */
    public static String normalize(Kind kind, Object value) {
        if (value == null || Boolean.FALSE.equals(value) && kind != Kind.BOOLEAN) {
            // Odoo has no empty number: an empty amount is 0 there, so it is 0 here too.
            return kind == Kind.NUMBER ? "0" : null;
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            return null;
        }
        return switch (kind) {
            case TEXT -> text;
            case BOOLEAN -> switch (text.toLowerCase()) {
                case "true" -> "true";
                case "false" -> "false";
                default -> throw new IllegalArgumentException("not true or false: " + text);
            };
            case NUMBER -> {
                try {
                    BigDecimal number = new BigDecimal(text).stripTrailingZeros();
                    yield number.signum() == 0 ? "0" : number.toPlainString();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + text);
                }
            }
        };
    }

    private static void add(Entity entity) {
        ENTITIES.put(entity.name(), entity);
    }

    private static Map<String, Kind> ordered(Object... pairs) {
        Map<String, Kind> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return fields;
    }
}
