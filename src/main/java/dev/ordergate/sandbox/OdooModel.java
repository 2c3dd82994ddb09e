package dev.ordergate.sandbox;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.ordergate.sandbox.OdooField.Type;

/** A simulated Odoo model: its fields, its rows (in memory) and the public methods beyond the generic ORM. */
final class OdooModel {

    /** A model-specific public method; {@code call} carries the positional and keyword arguments. */
    interface Method {
        Object invoke(OdooCall call);
    }

    final String name;
    final String description;
    final Map<String, OdooField> fields = new LinkedHashMap<>();
    final TreeMap<Integer, Map<String, Object>> rows = new TreeMap<>();
    final Map<String, Method> methods = new HashMap<>();
    /** The relational fields Odoo declares {@code check_company}: they may not link to another company's records. */
    final java.util.Set<String> checkCompany = new java.util.LinkedHashSet<>();
    Function<Map<String, Object>, String> displayName = row -> String.valueOf(row.get("name"));
    /** Fills in what Odoo's defaults and onchanges would before a row is stored. */
    BiConsumer<Map<String, Object>, Map<String, Object>> defaults = (vals, context) -> { };
    private int nextId = 1;

    OdooModel(String name, String description) {
        this.name = name;
        this.description = description;
    }

    int newId(Integer wanted) {
        int id = wanted != null ? wanted : nextId;
        nextId = Math.max(nextId, id + 1);
        return id;
    }

    OdooModel chars(String... names) {
        return plain(Type.CHAR, names);
    }

    OdooModel texts(String... names) {
        return plain(Type.TEXT, names);
    }

    OdooModel integers(String... names) {
        return plain(Type.INTEGER, names);
    }

    OdooModel floats(String... names) {
        return plain(Type.FLOAT, names);
    }

    OdooModel monetaries(String... names) {
        return plain(Type.MONETARY, names);
    }

    OdooModel booleans(String... names) {
        return plain(Type.BOOLEAN, names);
    }

    OdooModel dates(String... names) {
        return plain(Type.DATE, names);
    }

    OdooModel datetimes(String... names) {
        return plain(Type.DATETIME, names);
    }

    OdooModel selection(String field, String... values) {
        return add(new OdooField(field, Type.SELECTION, null, null, null, Arrays.asList(values), false, null));
    }

    OdooModel many2one(String field, String relation) {
        return add(new OdooField(field, Type.MANY2ONE, null, relation, null, null, false, null));
    }

    OdooModel required(String field, String label, String relation) {
        return add(new OdooField(field, Type.MANY2ONE, label, relation, null, null, true, null));
    }

    /**
     * Marks fields already defined as required, as real Odoo's {@code fields_get} shows them (the 18.0/19.0
     * transcripts, or a refusal seen on a real server), with the label Odoo names in its refusal.
     */
    OdooModel requires(String field, String label) {
        OdooField defined = field(field);
        return add(new OdooField(defined.name(), defined.type(), label, defined.relation(), defined.inverse(),
                defined.selection(), true, defined.compute()));
    }

    OdooModel one2many(String field, String relation, String inverse) {
        return add(new OdooField(field, Type.ONE2MANY, null, relation, inverse, null, false, null));
    }

    OdooModel many2many(String field, String relation) {
        return add(new OdooField(field, Type.MANY2MANY, null, relation, null, null, false, null));
    }

    OdooModel computed(String field, Type type, Function<Map<String, Object>, Object> compute) {
        return add(new OdooField(field, type, null, null, null, null, false, compute));
    }

    OdooModel computedSelection(String field, Function<Map<String, Object>, Object> compute, String... values) {
        return add(new OdooField(field, Type.SELECTION, null, null, null, Arrays.asList(values), false, compute));
    }

    OdooModel computedMany2one(String field, String relation, Function<Map<String, Object>, Object> compute) {
        return add(new OdooField(field, Type.MANY2ONE, null, relation, null, null, false, compute));
    }

    OdooModel method(String methodName, Method method) {
        methods.put(methodName, method);
        return this;
    }

    /** Declares fields {@code check_company} (see {@link OdooCompanies#checkCompany}). */
    OdooModel checkCompany(String... names) {
        for (String field : names) {
            field(field);
            checkCompany.add(field);
        }
        return this;
    }

    OdooModel display(Function<Map<String, Object>, String> displayName) {
        this.displayName = displayName;
        return this;
    }

    OdooModel defaults(BiConsumer<Map<String, Object>, Map<String, Object>> defaults) {
        this.defaults = defaults;
        return this;
    }

    private OdooModel plain(Type type, String... names) {
        for (String field : names) {
            add(new OdooField(field, type, null, null, null, null, false, null));
        }
        return this;
    }

    private OdooModel add(OdooField field) {
        fields.put(field.name(), field);
        return this;
    }

    OdooField field(String field) {
        OdooField found = fields.get(field);
        if (found == null) {
            throw OdooFault.invalidField(field, name);
        }
        return found;
    }

    List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }
}
