package dev.ordergate.sandbox;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One field of a simulated model. Computed fields are read through {@code compute} and never stored.
 *
 * @param relation  comodel of relational fields
 * @param inverse   the many2one on the comodel that a one2many lists
 * @param selection allowed values of a selection field
 */
record OdooField(String name, Type type, String label, String relation, String inverse, List<String> selection,
                 boolean required, Function<Map<String, Object>, Object> compute) {

    enum Type { CHAR, TEXT, HTML, INTEGER, FLOAT, MONETARY, BOOLEAN, SELECTION, DATE, DATETIME, MANY2ONE, ONE2MANY, MANY2MANY }

    boolean computed() {
        return compute != null;
    }

    boolean relational() {
        return type == Type.MANY2ONE || type == Type.ONE2MANY || type == Type.MANY2MANY;
    }

    boolean toMany() {
        return type == Type.ONE2MANY || type == Type.MANY2MANY;
    }

    /**
     * Whether a create leaves this field empty: a number or a flag is only missing when not given (0 is a value
     * to Odoo's NOT NULL), anything else also when empty.
     */
    boolean missingIn(Map<String, Object> vals) {
        Object value = vals.get(name);
        return switch (type) {
            case INTEGER, FLOAT, MONETARY, BOOLEAN -> value == null;
            default -> !OdooValues.truthy(value);
        };
    }

    /** What Odoo sends for an empty value of this type. */
    Object empty() {
        return switch (type) {
            case INTEGER -> 0;
            case FLOAT, MONETARY -> 0.0;
            case ONE2MANY, MANY2MANY -> List.of();
            default -> false;
        };
    }
}
