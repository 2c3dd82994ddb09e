package dev.ordergate.odoo.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading and writing Odoo's value shapes: {@code false} for empty, {@code [id, name]} for many2one. */
public final class OdooValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OdooValues() {
    }

    public static Integer many2oneId(JsonNode value) {
        return value.isArray() && !value.isEmpty() ? value.get(0).intValue() : null;
    }

    public static String many2oneName(JsonNode value) {
        return value.isArray() && value.size() > 1 ? value.get(1).asText() : null;
    }

    /** A char field: Odoo sends {@code false} when it is empty. */
    public static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }

    public static List<Integer> ids(JsonNode value) {
        List<Integer> ids = new ArrayList<>();
        value.forEach(id -> ids.add(id.intValue()));
        return ids;
    }

    /** Odoo's floats as decimals, through their shortest text ({@code 4289.73}, not the binary expansion). */
    public static BigDecimal decimal(JsonNode value, String what) {
        if (!value.isNumber()) {
            throw new OdooProtocolException(what + " is " + value.getNodeType() + ", not a number", null);
        }
        return new BigDecimal(value.asText());
    }

    /** A decimal as Odoo expects a number: integral values without a fraction ({@code 12}, not {@code 12.000}). */
    public static Number number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.longValueExact() : plain;
    }

    public static Map<String, Object> map(JsonNode object) {
        return MAPPER.convertValue(object, new TypeReference<Map<String, Object>>() { });
    }
}
