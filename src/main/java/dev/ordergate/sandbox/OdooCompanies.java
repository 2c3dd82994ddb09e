package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.id;
import static dev.ordergate.sandbox.OdooValues.ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.ordergate.sandbox.OdooField.Type;

/**
 * Odoo's multi-company, as a call sees it: {@code context.allowed_company_ids} selects the companies (the user's own
 * company when absent; a company the user may not enter is refused), the first of them is the company new records
 * get, and the global "multi-company" record rule {@code ['|', ('company_id', '=', False), ('company_id', 'in',
 * company_ids)]} hides and protects the records of the other companies. {@code _check_company} refuses a record that
 * links to another company's records. The wording is Odoo 17-19's ({@code odoo/models.py}, {@code ir_rule.py}).
 */
final class OdooCompanies {

    /** Models whose {@code company_id} is not governed by the multi-company record rule. */
    private static final Set<String> UNRULED = Set.of("res.company", "res.users");

    private final OdooDatabase db;
    /** The companies of the call being served; empty between calls (seed data, the sandbox's own helpers). */
    private List<Integer> active = List.of();

    OdooCompanies(OdooDatabase db) {
        this.db = db;
    }

    /** Takes the companies of a call from its context, refusing companies the user may not enter. */
    void enter(Map<String, Object> context, int uid) {
        Map<String, Object> user = db.model("res.users").rows.get(uid);
        Integer own = user == null ? null : id(user.get("company_id"));
        List<Integer> asked = ids(context.getOrDefault("allowed_company_ids", List.of()));
        if (asked.isEmpty()) {
            active = own == null ? List.of() : List.of(own);
            return;
        }
        List<Integer> permitted = user == null ? List.of() : ids(user.getOrDefault("company_ids", List.of(own)));
        if (!permitted.containsAll(asked)) {
            throw OdooFault.accessError("Access to unauthorized or invalid companies.");
        }
        active = List.copyOf(asked);
    }

    void leave() {
        active = List.of();
    }

    /** The company new records of this call get ({@code env.company}), or null outside a call. */
    Integer current() {
        return active.isEmpty() ? null : active.get(0);
    }

    boolean ruled(OdooModel model) {
        return !active.isEmpty() && !UNRULED.contains(model.name) && model.fields.containsKey("company_id");
    }

    /** Whether the record rule lets this call see the row: no company (shared) or one of the call's companies. */
    boolean visible(OdooModel model, Map<String, Object> row) {
        if (!ruled(model) || row == null) {
            return true;
        }
        Integer company = id(db.get(model, row, "company_id"));
        return company == null || active.contains(company);
    }

    /** The rule's domain, appended to a search's own (a domain's leaves are and-ed). */
    List<Object> restrict(OdooModel model, List<Object> domain) {
        if (!ruled(model)) {
            return domain;
        }
        List<Object> restricted = new ArrayList<>(domain);
        restricted.add("|");
        restricted.add(List.of("company_id", "=", false));
        restricted.add(List.of("company_id", "in", active));
        return restricted;
    }

    /** The ids of a to-many value the call may see; Odoo's read leaves the others out. */
    List<Integer> visibleIds(OdooModel comodel, List<Integer> ids) {
        if (!ruled(comodel)) {
            return ids;
        }
        return ids.stream().filter(id -> visible(comodel, comodel.rows.get(id))).toList();
    }

    /** Refuses an operation on existing records of another company, as the record rule does. */
    void check(OdooModel model, List<Integer> ids, String operation) {
        if (!ruled(model)) {
            return;
        }
        List<Map<String, Object>> hidden = ids.stream().map(model.rows::get).filter(Objects::nonNull)
                .filter(row -> !visible(model, row)).toList();
        if (!hidden.isEmpty()) {
            throw accessError(model, operation, id(db.get(model, hidden.get(0), "company_id")));
        }
    }

    /** The record rule on create: a record may only be created in one of the call's companies. */
    void checkCreate(OdooModel model, Map<String, Object> vals) {
        if (!ruled(model) || model.field("company_id").computed()) {
            return;
        }
        Integer company = id(vals.get("company_id"));
        if (company != null && !active.contains(company)) {
            throw accessError(model, "create", company);
        }
    }

    /**
     * {@code _check_company} of a record about to be stored: every field Odoo declares {@code check_company} must
     * point to a record of no company or of the record's own company.
     */
    void checkCompany(OdooModel model, Map<String, Object> vals) {
        Integer company = id(vals.get("company_id"));
        if (company == null || model.checkCompany.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String name : model.checkCompany) {
            OdooField field = model.field(name);
            OdooModel comodel = db.model(field.relation());
            List<Integer> linked = field.type() == Type.MANY2ONE ? listOf(id(vals.get(name))) : commandIds(vals.get(name));
            List<Integer> foreign = linked.stream().filter(other -> {
                Map<String, Object> row = comodel.rows.get(other);
                Integer theirs = row == null || !comodel.fields.containsKey("company_id") ? null
                        : id(db.get(comodel, row, "company_id"));
                return theirs != null && !theirs.equals(company);
            }).toList();
            if (!foreign.isEmpty() && lines.size() < 5) {
                String values = String.join(", ", foreign.stream()
                        .map(other -> repr(comodel.displayName.apply(comodel.rows.get(other)))).toList());
                lines.add("- %s belongs to company %s and %s (%s: %s) belongs to another company.".formatted(
                        repr(vals.getOrDefault("name", "New")), repr(companyName(company)),
                        repr(field.label() != null ? field.label() : OdooDatabase.humanized(name)), name, values));
            }
        }
        if (!lines.isEmpty()) {
            throw OdooFault.userError("Incompatible companies on records:\n" + String.join("\n", lines));
        }
    }

    private OdooFault accessError(OdooModel model, String operation, Integer company) {
        Map<String, Object> user = db.model("res.users").rows.get(db.uid());
        String userName = user == null ? "?" : String.valueOf(user.get("name"));
        List<Integer> permitted = user == null ? List.of() : ids(user.getOrDefault("company_ids", List.of()));
        String resolution = "If you really, really need access, perhaps you can win over your friendly administrator "
                + "with a batch of freshly baked cookies.";
        if (company != null && permitted.contains(company)) {
            resolution += "\n\nThis seems to be a multi-company issue, you might be able to access the record by "
                    + "switching to the company: %s.".formatted(companyName(company));
        } else if (company != null) {
            resolution += "\n\nThis seems to be a multi-company issue, but you do not have access to the proper "
                    + "company to access the record anyhow.";
        }
        return OdooFault.accessError(("Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n"
                + "Sorry, %s (id=%d) doesn't have '%s' access to:\n- %s (%s)\n\n%s")
                .formatted(userName, db.uid(), operation, model.description, model.name, resolution));
    }

    private String companyName(int company) {
        Map<String, Object> row = db.model("res.company").rows.get(company);
        return row == null ? String.valueOf(company) : String.valueOf(row.get("name"));
    }

    private static List<Integer> listOf(Integer id) {
        return id == null ? List.of() : List.of(id);
    }

    /** The ids an x2many value of a create links: plain ids, (4, id) and (6, 0, ids). */
    private static List<Integer> commandIds(Object value) {
        List<Integer> found = new ArrayList<>();
        for (Object element : OdooValues.list(value == null ? List.of() : value)) {
            if (element instanceof Number number) {
                found.add(number.intValue());
            } else if (element instanceof List<?> command && !command.isEmpty()) {
                int code = (int) OdooValues.number(command.get(0));
                if (code == 4 && command.size() > 1) {
                    found.add(id(command.get(1)));
                } else if (code == 6 && command.size() > 2) {
                    found.addAll(ids(command.get(2)));
                }
            }
        }
        return found;
    }

    /** Python's repr of a string, as Odoo's %r puts it in the message. */
    private static String repr(Object value) {
        return "'" + String.valueOf(value).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
