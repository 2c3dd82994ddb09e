package dev.ordergate.sandbox;

import java.util.List;
import java.util.Map;

/** One {@code execute_kw} call as a model method sees it. */
record OdooCall(OdooModel model, String method, List<Object> args, Map<String, Object> kwargs,
                Map<String, Object> context, int uid) {

    /** The argument at {@code index}, or the keyword argument {@code name}, or {@code fallback}. */
    Object arg(int index, String name, Object fallback) {
        if (index < args.size()) {
            return args.get(index);
        }
        return kwargs.getOrDefault(name, fallback);
    }

    List<Integer> ids() {
        return OdooValues.ids(arg(0, "ids", List.of()));
    }

    boolean flag(String key) {
        return OdooValues.truthy(context.get(key));
    }
}
