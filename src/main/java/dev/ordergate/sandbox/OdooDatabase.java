package dev.ordergate.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.ordergate.sandbox.OdooField.Type;

/**
 * The in-memory ORM behind the simulated Odoo: models, rows, domains and the generic methods
 * ({@code search_read}, {@code read}, {@code create}, ...). Not thread-safe by itself; {@link SimulatedOdoo}
 * serialises every call.
 */
final class OdooDatabase {

    private static final Set<String> GENERIC = Set.of(
            "search_read", "search", "search_count", "read", "write", "create", "unlink", "fields_get", "name_get",
            "web_save");

    private final Map<String, OdooModel> models = new LinkedHashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    private int uid = 2;
    private final SandboxOdooVersion dialect;
    /** The companies of the call being served and Odoo's multi-company rules. */
    final OdooCompanies companies = new OdooCompanies(this);

    OdooDatabase(SandboxOdooVersion dialect) {
        this.dialect = dialect;
    }

    /** The next number of a document sequence such as {@code S} or {@code WH/OUT/}, starting at 1. */
    int next(String sequence) {
        return sequences.merge(sequence, 1, Integer::sum);
    }

    int uid() {
        return uid;
    }

    OdooModel define(String name, String description) {
        OdooModel model = new OdooModel(name, description);
        models.put(name, model);
        return model;
    }

    OdooModel model(String name) {
        OdooModel model = models.get(name);
        if (model == null) {
            throw OdooFault.userError("Object %s doesn't exist".formatted(name));
        }
        return model;
    }

    List<String> modelNames() {
        return List.copyOf(models.keySet());
    }

    boolean hasModel(String name) {
        return models.containsKey(name);
    }

    boolean hasMethod(OdooModel model, String method) {
        return GENERIC.contains(method) || model.methods.containsKey(method);
    }

    /** The rows a list {@code create} made so far, so a refusal can take them out again; null outside one. */
    private List<Map.Entry<OdooModel, Integer>> createdInCall;

    Object dispatch(OdooCall call) {
        this.uid = call.uid();
        companies.enter(call.context(), call.uid());
        try {
            return dispatchInCompanies(call);
        } finally {
            companies.leave();
        }
    }

    private Object dispatchInCompanies(OdooCall call) {
        OdooModel.Method specific = call.model().methods.get(call.method());
        if (specific != null) {
            // A method on records reads them first: another company's records are refused as a read.
            if (!call.args().isEmpty() && call.args().get(0) instanceof List<?> ids
                    && ids.stream().allMatch(Number.class::isInstance)) {
                companies.check(call.model(), OdooValues.ids(ids), "read");
            }
            return specific.invoke(call);
        }
        OdooModel model = call.model();
        return switch (call.method()) {
            case "search_read" -> read(model,
                    search(model, companies.restrict(model, OdooValues.list(call.arg(0, "domain", List.of()))),
                            (int) OdooValues.number(call.arg(3, "offset", 0)), limit(call.arg(2, "limit", null)),
                            orderOf(call.arg(4, "order", null))),
                    fieldList(call.arg(1, "fields", null)));
            case "search" -> search(model, companies.restrict(model, OdooValues.list(call.arg(0, "domain", List.of()))),
                    (int) OdooValues.number(call.arg(1, "offset", 0)), limit(call.arg(2, "limit", null)),
                    orderOf(call.arg(3, "order", null)));
            case "search_count" -> search(model, companies.restrict(model, OdooValues.list(call.arg(0, "domain", List.of()))),
                    0, null, null).size();
            case "read" -> {
                companies.check(model, call.ids(), "read");
                yield read(model, existing(model, call.ids()), fieldList(call.arg(1, "fields", null)));
            }
            case "write" -> {
                companies.check(model, call.ids(), "write");
                write(model, call.ids(), OdooValues.map(call.arg(1, "vals", Map.of())), call.context());
                yield true;
            }
            case "create" -> {
                Object vals = call.arg(0, "vals_list", call.kwargs().get("vals"));
                if (vals instanceof List<?> list) {
                    yield createAll(model, list, call.context());
                }
                yield createAll(model, java.util.Collections.singletonList(vals), call.context()).get(0);
            }
            case "web_save" -> webSave(model, call);
            case "unlink" -> {
                companies.check(model, call.ids(), "unlink");
                for (Integer id : call.ids()) {
                    model.rows.remove(id);
                }
                yield true;
            }
            case "fields_get" -> fieldsGet(model, fieldList(call.arg(0, "allfields", null)));
            case "name_get" -> existing(model, call.ids()).stream()
                    .map(id -> List.of(id, model.displayName.apply(row(model, id)))).toList();
            default -> throw OdooFault.attributeError(
                    "The method '%s' does not exist on the model '%s'".formatted(call.method(), model.name));
        };
    }

    /**
     * Odoo 17+'s {@code web_save(vals, specification)} as the web client uses it: without ids it creates one record,
     * with ids it writes them, and either way answers {@code web_read(specification)} of the records: a list of dicts
     * with {@code id} and the specified fields, relations as bare ids (read with {@code load=None}). Only flat
     * specifications (no nested {@code fields}) are simulated.
     */
    private List<Map<String, Object>> webSave(OdooModel model, OdooCall call) {
        Map<String, Object> vals = OdooValues.map(call.arg(1, "vals", Map.of()));
        Object specification = call.arg(2, "specification", null);
        if (!(specification instanceof Map<?, ?> spec)) {
            throw OdooFault.typeError("Base.web_save() missing 1 required positional argument: 'specification'");
        }
        List<Integer> ids = call.ids();
        if (ids.isEmpty()) {
            ids = List.of(createAll(model, java.util.Collections.singletonList(vals), call.context()).get(0));
        } else {
            companies.check(model, ids, "write");
            write(model, ids, vals, call.context());
        }
        List<String> fields = spec.keySet().stream().map(String::valueOf).toList();
        List<Map<String, Object>> records = read(model, ids, fields);
        for (Map<String, Object> record : records) {
            for (String field : fields) {
                if (!field.equals("id") && model.field(field).type() == Type.MANY2ONE
                        && record.get(field) instanceof List<?> pair) {
                    record.put(field, pair.get(0));
                }
            }
        }
        return records;
    }

    private static Integer limit(Object value) {
        return value instanceof Number number && number.intValue() > 0 ? number.intValue() : null;
    }

    private static String orderOf(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    private static List<String> fieldList(Object value) {
        if (value instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        return null;
    }

    // ---- rows

    Map<String, Object> row(OdooModel model, int id) {
        Map<String, Object> row = model.rows.get(id);
        if (row == null) {
            throw OdooFault.missing(model.name, id, uid);
        }
        return row;
    }

    Map<String, Object> row(String model, int id) {
        return row(model(model), id);
    }

    List<Integer> existing(OdooModel model, List<Integer> ids) {
        return ids.stream().filter(model.rows::containsKey).distinct().toList();
    }

    /** The value of a field in the sandbox's own form: ids for relations, {@code null} when empty. */
    Object get(OdooModel model, Map<String, Object> row, String field) {
        if (field.equals("id")) {
            return row.get("id");
        }
        OdooField definition = model.field(field);
        if (definition.computed()) {
            return definition.compute().apply(row);
        }
        if (definition.type() == Type.ONE2MANY) {
            OdooModel comodel = model(definition.relation());
            Object id = row.get("id");
            return comodel.rows.values().stream()
                    .filter(other -> Objects.equals(other.get(definition.inverse()), id))
                    .map(other -> (Integer) other.get("id")).toList();
        }
        return row.get(field);
    }

    Object get(String model, int id, String field) {
        OdooModel found = model(model);
        return get(found, row(found, id), field);
    }

    /** The value of a field as Odoo answers it over JSON-RPC. */
    Object export(OdooModel model, Map<String, Object> row, String field) {
        Object value = get(model, row, field);
        if (field.equals("id")) {
            return value;
        }
        OdooField definition = model.field(field);
        if (definition.type() == Type.MANY2ONE) {
            Integer id = OdooValues.id(value);
            if (id == null) {
                return false;
            }
            OdooModel comodel = model(definition.relation());
            Map<String, Object> target = comodel.rows.get(id);
            return target == null ? false : List.of(id, comodel.displayName.apply(target));
        }
        if (value == null) {
            return definition.empty();
        }
        if (definition.toMany() && value instanceof List<?>) {
            return companies.visibleIds(model(definition.relation()), OdooValues.ids(value));
        }
        if ((definition.type() == Type.FLOAT || definition.type() == Type.MONETARY) && value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text && text.isEmpty()) {
            return false;
        }
        if (definition.type() == Type.DATETIME && value instanceof String text && text.length() > 19) {
            return text.substring(0, 19);
        }
        return value;
    }

    List<Map<String, Object>> read(OdooModel model, List<Integer> ids, List<String> fields) {
        List<String> names = fields == null ? model.fieldNames() : fields;
        for (String name : names) {
            if (!name.equals("id")) {
                model.field(name);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Integer id : ids) {
            Map<String, Object> row = model.rows.get(id);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", id);
            for (String name : names) {
                record.put(name, export(model, row, name));
            }
            result.add(record);
        }
        return result;
    }

    // ---- search

    List<Integer> search(OdooModel model, List<Object> domain, int offset, Integer limit, String order) {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> row : model.rows.values()) {
            if (matches(model, row, domain)) {
                matching.add(row);
            }
        }
        if (order != null) {
            matching.sort(ordering(model, order));
        }
        return matching.stream().skip(offset).limit(limit == null ? Long.MAX_VALUE : limit)
                .map(row -> (Integer) row.get("id")).toList();
    }

    List<Integer> search(String model, List<Object> domain) {
        return search(model(model), domain, 0, null, null);
    }

    private Comparator<Map<String, Object>> ordering(OdooModel model, String order) {
        Comparator<Map<String, Object>> comparator = null;
        for (String part : order.split(",")) {
            String[] words = part.trim().split("\\s+");
            String field = words[0];
            if (!field.equals("id")) {
                model.field(field);
            }
            Comparator<Map<String, Object>> next = Comparator.comparing(
                    row -> sortKey(get(model, row, field)), OdooDatabase::compareLoose);
            if (words.length > 1 && words[1].equalsIgnoreCase("desc")) {
                next = next.reversed();
            }
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        return comparator;
    }

    private static Object sortKey(Object value) {
        return value instanceof List<?> list ? list.size() : value;
    }

    private static int compareLoose(Object left, Object right) {
        boolean leftEmpty = !OdooValues.truthy(left) && !(left instanceof Number);
        boolean rightEmpty = !OdooValues.truthy(right) && !(right instanceof Number);
        if (leftEmpty || rightEmpty) {
            return Boolean.compare(!leftEmpty, !rightEmpty);
        }
        if (left instanceof Number a && right instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return String.valueOf(left).compareTo(String.valueOf(right));
    }

    boolean matches(OdooModel model, Map<String, Object> row, List<Object> domain) {
        Deque<Boolean> stack = new ArrayDeque<>();
        for (int i = domain.size() - 1; i >= 0; i--) {
            Object element = domain.get(i);
            if ("&".equals(element) || "|".equals(element)) {
                boolean a = stack.isEmpty() || stack.pop();
                boolean b = stack.isEmpty() || stack.pop();
                stack.push("&".equals(element) ? a && b : a || b);
            } else if ("!".equals(element)) {
                stack.push(!(stack.isEmpty() || stack.pop()));
            } else if (element instanceof List<?> leaf && leaf.size() == 3) {
                stack.push(test(model, row, String.valueOf(leaf.get(0)), String.valueOf(leaf.get(1)), leaf.get(2)));
            } else {
                throw OdooFault.valueError("Invalid leaf %s".formatted(element));
            }
        }
        return stack.stream().allMatch(Boolean::booleanValue);
    }

    private boolean test(OdooModel model, Map<String, Object> row, String path, String operator, Object operand) {
        OdooModel current = model;
        Map<String, Object> currentRow = row;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            OdooField step = current.field(steps[i]);
            if (step.type() != Type.MANY2ONE) {
                throw OdooFault.valueError("Invalid field %s in leaf ('%s', '%s', %s)".formatted(path, path, operator, operand));
            }
            Integer id = OdooValues.id(get(current, currentRow, steps[i]));
            current = model(step.relation());
            currentRow = id == null ? null : current.rows.get(id);
            if (currentRow == null) {
                return operator.equals("!=") || operator.equals("not in");
            }
        }
        String last = steps[steps.length - 1];
        Object value = get(current, currentRow, last);
        if (!last.equals("id") && current.field(last).type() == Type.MANY2ONE
                && (operand instanceof String || operator.contains("like"))) {
            Integer id = OdooValues.id(value);
            OdooModel comodel = model(current.field(last).relation());
            value = id == null ? null : comodel.displayName.apply(comodel.rows.get(id));
        }
        return compare(value, operator.toLowerCase(Locale.ROOT), operand);
    }

    private static boolean compare(Object value, String operator, Object operand) {
        return switch (operator) {
            case "=", "==" -> equalsLoose(value, operand);
            case "!=", "<>" -> !equalsLoose(value, operand);
            case "in" -> in(value, operand);
            case "not in" -> !in(value, operand);
            case ">" -> ordered(value, operand) && compareLoose(value, operand) > 0;
            case "<" -> ordered(value, operand) && compareLoose(value, operand) < 0;
            case ">=" -> ordered(value, operand) && compareLoose(value, operand) >= 0;
            case "<=" -> ordered(value, operand) && compareLoose(value, operand) <= 0;
            case "ilike", "like" -> like(value, operand, operator.equals("ilike"));
            case "not ilike", "not like" -> !like(value, operand, operator.equals("not ilike"));
            case "=ilike" -> OdooValues.truthy(value) && sqlLike(String.valueOf(value), String.valueOf(operand), true);
            case "=like" -> OdooValues.truthy(value) && sqlLike(String.valueOf(value), String.valueOf(operand), false);
            default -> throw OdooFault.valueError("Invalid leaf operator %s".formatted(operator));
        };
    }

    private static boolean ordered(Object value, Object operand) {
        return OdooValues.truthy(value) || value instanceof Number;
    }

    /** Odoo's {@code =like}: the operand is an SQL LIKE pattern ({@code %} any text, {@code _} one character). */
    private static boolean sqlLike(String text, String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        int flags = ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL
                : java.util.regex.Pattern.DOTALL;
        return java.util.regex.Pattern.compile(regex.toString(), flags).matcher(text).matches();
    }

    private static boolean like(Object value, Object operand, boolean ignoreCase) {
        if (!OdooValues.truthy(value)) {
            return !OdooValues.truthy(operand);
        }
        String text = String.valueOf(value);
        String pattern = String.valueOf(operand);
        return ignoreCase ? text.toLowerCase(Locale.ROOT).contains(pattern.toLowerCase(Locale.ROOT)) : text.contains(pattern);
    }

    private static boolean equalsLoose(Object value, Object operand) {
        if (value instanceof Collection<?> many) {
            return OdooValues.truthy(operand) ? many.stream().anyMatch(element -> equalsLoose(element, operand)) : many.isEmpty();
        }
        if (!OdooValues.truthy(operand) && !(operand instanceof Number)) {
            return !OdooValues.truthy(value) && !(value instanceof Number);
        }
        if (value instanceof Number a && operand instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(value, operand);
    }

    private static boolean in(Object value, Object operand) {
        Collection<?> candidates = operand instanceof Collection<?> list ? list : List.of(operand);
        if (value instanceof Collection<?> many) {
            return many.stream().anyMatch(element -> candidates.stream().anyMatch(c -> equalsLoose(element, c)));
        }
        return candidates.stream().anyMatch(candidate -> equalsLoose(value, candidate));
    }

    // ---- create and write

    /**
     * A {@code create} call is one transaction in Odoo: when a record (or one of an order's lines) is refused, none of
     * the call's records is created. The rows created so far are taken out again before the refusal is answered.
     */
    private List<Integer> createAll(OdooModel model, List<?> valsList, Map<String, Object> context) {
        List<Map.Entry<OdooModel, Integer>> created = new ArrayList<>();
        createdInCall = created;
        try {
            List<Integer> ids = new ArrayList<>();
            for (Object each : valsList) {
                ids.add(create(model, OdooValues.map(each), context));
            }
            return ids;
        } catch (RuntimeException refused) {
            for (int i = created.size() - 1; i >= 0; i--) {
                created.get(i).getKey().rows.remove(created.get(i).getValue());
            }
            throw refused;
        } finally {
            createdInCall = null;
        }
    }

    int create(OdooModel model, Map<String, Object> given, Map<String, Object> context) {
        Map<String, Object> vals = new LinkedHashMap<>(given);
        for (OdooField field : model.fields.values()) {
            Object contextDefault = context.get("default_" + field.name());
            if (!vals.containsKey(field.name()) && contextDefault != null && !field.computed()) {
                vals.put(field.name(), contextDefault);
            }
        }
        for (String name : vals.keySet()) {
            if (!name.equals("id")) {
                model.field(name);
            }
        }
        checkRelations(model, vals);
        if (companies.ruled(model) && !model.field("company_id").computed() && !vals.containsKey("company_id")) {
            // The company field's default: the first of the call's companies (env.company).
            vals.put("company_id", companies.current());
        }
        companies.checkCreate(model, vals);
        model.defaults.accept(vals, context);
        companies.checkCompany(model, vals);
        for (OdooField field : model.fields.values()) {
            if (field.required() && field.missingIn(vals)) {
                throw OdooFault.validation(dialect.missingRequired(model.description, model.name, field.label(), field.name()));
            }
        }
        int id = model.newId(OdooValues.id(vals.remove("id")));
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        model.rows.put(id, row);
        if (createdInCall != null) {
            createdInCall.add(Map.entry(model, id));
        }
        // As Odoo's ORM: the log-access fields default to the caller and the call's time, given values win.
        String now = OdooSchema.preciseNow();
        vals.putIfAbsent("create_uid", uid);
        vals.putIfAbsent("create_date", now);
        vals.putIfAbsent("write_uid", uid);
        vals.putIfAbsent("write_date", now);
        assign(model, row, vals, context);
        return id;
    }

    int create(String model, Map<String, Object> vals) {
        return create(model(model), vals, Map.of());
    }

    void write(OdooModel model, List<Integer> ids, Map<String, Object> vals, Map<String, Object> context) {
        List<Integer> missing = ids.stream().filter(id -> !model.rows.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw OdooFault.missing(model.name, missing.size() == 1 ? missing.get(0) : missing, uid);
        }
        for (String name : vals.keySet()) {
            model.field(name);
        }
        checkRelations(model, vals);
        if (!model.checkCompany.isEmpty()) {
            for (Integer id : ids) {
                Map<String, Object> merged = new LinkedHashMap<>(vals);
                Map<String, Object> row = model.rows.get(id);
                merged.putIfAbsent("company_id", row.get("company_id"));
                merged.putIfAbsent("name", row.get("name"));
                companies.checkCompany(model, merged);
            }
        }
        Map<String, Object> stamped = new LinkedHashMap<>(vals);
        stamped.putIfAbsent("write_uid", uid);
        stamped.putIfAbsent("write_date", OdooSchema.preciseNow());
        for (Integer id : ids) {
            assign(model, model.rows.get(id), stamped, context);
        }
    }

    void write(String model, int id, Map<String, Object> vals) {
        write(model(model), List.of(id), vals, Map.of());
    }

    private void checkRelations(OdooModel model, Map<String, Object> vals) {
        for (Map.Entry<String, Object> entry : vals.entrySet()) {
            if (entry.getKey().equals("id")) {
                continue;
            }
            OdooField field = model.field(entry.getKey());
            if (field.type() == Type.MANY2ONE && entry.getValue() instanceof Number number) {
                row(model(field.relation()), number.intValue());
            }
            if (field.type() == Type.SELECTION && OdooValues.truthy(entry.getValue())
                    && !field.selection().contains(String.valueOf(entry.getValue()))) {
                throw OdooFault.valueError("Wrong value for %s.%s: '%s'".formatted(model.name, field.name(), entry.getValue()));
            }
        }
    }

    private void assign(OdooModel model, Map<String, Object> row, Map<String, Object> vals, Map<String, Object> context) {
        List<Map.Entry<String, Object>> toMany = new ArrayList<>();
        for (Map.Entry<String, Object> entry : vals.entrySet()) {
            OdooField field = model.field(entry.getKey());
            if (field.computed()) {
                continue;
            }
            if (field.toMany()) {
                toMany.add(entry);
            } else if (field.type() == Type.MANY2ONE) {
                row.put(field.name(), OdooValues.id(entry.getValue()));
            } else {
                row.put(field.name(), entry.getValue() == null ? Boolean.FALSE : entry.getValue());
            }
        }
        for (Map.Entry<String, Object> entry : toMany) {
            applyCommands(model, row, model.field(entry.getKey()), entry.getValue(), context);
        }
    }

    /** Odoo's x2many commands: [0,0,vals] create, [1,id,vals] update, [2,id] delete, [3,id] unlink, [4,id] link, [5] clear, [6,0,ids] set. */
    private void applyCommands(OdooModel model, Map<String, Object> row, OdooField field, Object commands,
                               Map<String, Object> context) {
        OdooModel comodel = model(field.relation());
        int parentId = (Integer) row.get("id");
        Set<Integer> linked = new LinkedHashSet<>(field.type() == Type.MANY2MANY
                ? OdooValues.ids(row.getOrDefault(field.name(), List.of())) : List.of());
        for (Object element : OdooValues.list(commands)) {
            if (element instanceof Number id) {
                linked.add(id.intValue());
                continue;
            }
            List<Object> command = OdooValues.list(element);
            int code = (int) OdooValues.number(command.get(0));
            Integer target = command.size() > 1 ? OdooValues.id(command.get(1)) : null;
            switch (code) {
                case 0 -> {
                    Map<String, Object> childVals = new LinkedHashMap<>(OdooValues.map(command.get(2)));
                    if (field.type() == Type.ONE2MANY) {
                        childVals.put(field.inverse(), parentId);
                    }
                    linked.add(create(comodel, childVals, Map.of()));
                }
                case 1 -> write(comodel, List.of(target), OdooValues.map(command.get(2)), context);
                case 2 -> {
                    comodel.rows.remove(target);
                    linked.remove(target);
                }
                case 3 -> {
                    linked.remove(target);
                    if (field.type() == Type.ONE2MANY) {
                        row(comodel, target).put(field.inverse(), null);
                    }
                }
                case 4 -> {
                    row(comodel, target);
                    linked.add(target);
                    if (field.type() == Type.ONE2MANY) {
                        comodel.rows.get(target).put(field.inverse(), parentId);
                    }
                }
                case 5 -> linked.clear();
                case 6 -> {
                    linked.clear();
                    for (Integer id : OdooValues.ids(command.get(2))) {
                        row(comodel, id);
                        linked.add(id);
                        if (field.type() == Type.ONE2MANY) {
                            comodel.rows.get(id).put(field.inverse(), parentId);
                        }
                    }
                }
                default -> throw OdooFault.valueError("Unknown x2many command %s".formatted(code));
            }
        }
        if (field.type() == Type.MANY2MANY) {
            row.put(field.name(), new ArrayList<>(linked));
        }
    }

    private Map<String, Object> fieldsGet(OdooModel model, List<String> names) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String name : names == null ? model.fieldNames() : names) {
            OdooField field = model.field(name);
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("readonly", field.computed());
            if (field.relation() != null) {
                description.put("relation", field.relation());
            }
            description.put("required", field.required());
            if (field.selection() != null) {
                description.put("selection", field.selection().stream().map(value -> List.of(value, value)).toList());
            }
            description.put("string", field.label() != null ? field.label() : humanized(name));
            description.put("type", field.type().name().toLowerCase(Locale.ROOT));
            result.put(name, description);
        }
        return result;
    }

    static String humanized(String name) {
        String words = name.replaceAll("_ids?$", "").replace('_', ' ');
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
