package dev.ordergate.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Conversions between JSON-RPC values (as Jackson parses them) and the sandbox's rows. */
final class OdooValues {

    private OdooValues() {
    }

    static boolean truthy(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        if (value instanceof String text) {
            return !text.isEmpty();
        }
        if (value instanceof Collection<?> list) {
            return !list.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return true;
    }

    /** An id list from {@code [1, 2]}, {@code 1} or {@code [[1, 2]]}-style wrapping used by button methods. */
    static List<Integer> ids(Object value) {
        List<Integer> ids = new ArrayList<>();
        if (value instanceof Number number) {
            ids.add(number.intValue());
        } else if (value instanceof Collection<?> list) {
            for (Object element : list) {
                if (element instanceof Number number) {
                    ids.add(number.intValue());
                } else if (element instanceof Collection<?>) {
                    ids.addAll(ids(element));
                } else {
                    throw OdooFault.database("psycopg2.errors.InvalidTextRepresentation",
                            "invalid input syntax for type integer: \"%s\"".formatted(element));
                }
            }
        } else if (value instanceof String text) {
            throw OdooFault.database("psycopg2.errors.InvalidTextRepresentation",
                    "invalid input syntax for type integer: \"%s\"".formatted(text.isEmpty() ? text : text.substring(0, 1)));
        }
        return ids;
    }

    static Integer id(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof List<?> pair && !pair.isEmpty() && pair.get(0) instanceof Number number) {
            return number.intValue();
        }
        return null;
    }

    static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0.0;
    }

    /** Odoo rounds currency amounts half-up to the currency's 2 decimals. */
    static double round2(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
