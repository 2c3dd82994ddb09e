package dev.ordergate.odoo.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the positional arguments of an {@code execute_kw} call for JSON-2, which understands only named
 * parameters (19.0 transcripts 13, 110). Methods on records take {@code ids} first; the ORM methods we call
 * are named after their Python signatures; any other method takes only {@code ids} plus keyword arguments.
 */
public final class OdooJson2Parameters {

    private static final Map<String, List<String>> POSITIONAL = Map.of(
            "search_read", List.of("domain", "fields", "offset", "limit", "order"),
            "search", List.of("domain", "offset", "limit", "order"),
            "search_count", List.of("domain", "limit"),
            "create", List.of("vals_list"),
            "fields_get", List.of("allfields", "attributes"),
            "default_get", List.of("fields_list"),
            "read", List.of("ids", "fields"),
            "write", List.of("ids", "vals"),
            "onchange", List.of("ids", "values", "field_names", "fields_spec"),
            "web_save", List.of("ids", "vals", "specification"));

    private OdooJson2Parameters() {
    }

    public static Map<String, Object> of(String method, List<?> args, Map<String, ?> kwargs) {
        List<String> names = POSITIONAL.getOrDefault(method, List.of("ids"));
        if (args.size() > names.size()) {
            throw new IllegalArgumentException(method + " takes " + names + " positionally over JSON-2; pass the rest"
                    + " as keyword arguments");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            // create takes a list of values in JSON-2; execute_kw also accepts a single dict.
            Object value = singleCreate(method, args) ? List.of(args.get(i)) : args.get(i);
            parameters.put(names.get(i), value);
        }
        if (kwargs != null) {
            parameters.putAll(kwargs);
        }
        return parameters;
    }

    /** A create of one record: JSON-RPC answers its id, JSON-2 a list of one id. */
    public static boolean singleCreate(String method, List<?> args) {
        return "create".equals(method) && args.size() == 1 && args.get(0) instanceof Map;
    }
}
