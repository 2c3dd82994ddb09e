package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.id;
import static dev.ordergate.sandbox.OdooValues.list;
import static dev.ordergate.sandbox.OdooValues.map;
import static dev.ordergate.sandbox.OdooValues.number;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The simulated Odoo behind {@code POST /sandbox/odoo/jsonrpc} and, as Odoo 19, {@code /sandbox/odoo/json/2/...}:
 * database {@code sandbox}, user {@code admin} (uid 2) with password {@code admin} or API key
 * {@code sandbox-admin-key} (JSON-2 takes only the key). Version 18 unless {@code ordergate.sandbox.odoo.version}.
 * <p>
 * For tests, {@link #reset()} puts the seed data back and {@link #salesOrdersByClientRef(String)} shows what
 * reached Odoo. Every call is serialised on this object.
 */
@Component
@ConditionalOnSandbox("odoo")
public class SandboxOdoo {

    static final String DATABASE = "sandbox";
    static final int UID = 2;
    static final String API_KEY = "sandbox-admin-key";
    /** The API key (and, in the demo only, the password) it accepts: the one the node is configured with. */
    private final Set<String> secrets;
    private final String apiKey;
    private static final List<String> EXECUTE_KW_PARAMETERS = List.of("db", "uid", "password", "model", "method", "args");

    private final SandboxOdooVersion version;
    private OdooDatabase db;
    private volatile boolean keyRevoked;

    SandboxOdoo(SandboxProperties properties,
                @org.springframework.beans.factory.annotation.Value("${ordergate.odoo.api-key:" + API_KEY + "}") String apiKey) {
        this.version = SandboxOdooVersion.of(properties.odoo().version());
        // A node given its own key (keycloak mode refuses the published one) accepts neither the README's key nor
        // the demo password: the simulated Odoo is then no more open than the node's configuration.
        this.secrets = API_KEY.equals(apiKey) ? Set.of("admin", API_KEY) : Set.of(apiKey);
        this.apiKey = apiKey;
        reset();
    }

    /** JSON-2 takes only the API key. */
    boolean acceptsApiKey(String key) {
        return !keyRevoked && apiKey.equals(key);
    }

    /**
     * Revokes the node's key, as an Odoo administrator would (or an expired key): every login and call is refused until
     * {@code revoked} is false again, when the key is accepted as before. {@link #reset()} does not touch it.
     */
    public void revokeKey(boolean revoked) {
        keyRevoked = revoked;
    }

    private boolean accepts(Object secret) {
        return !keyRevoked && secrets.contains(String.valueOf(secret));
    }

    SandboxOdooVersion version() {
        return version;
    }

    /** Forgets every order, delivery and invoice and restores the seed data. */
    public final synchronized void reset() {
        OdooDatabase fresh = new OdooDatabase(version);
        OdooSchema schema = new OdooSchema(fresh);
        schema.define();
        DeliveryFlow deliveries = new DeliveryFlow(fresh, schema);
        deliveries.register();
        new SalesFlow(fresh, deliveries, version.cancelAsksThroughWizard()).register();
        new InvoicingFlow(fresh).register();
        new ReturnsFlow(fresh).register();
        // The admin is in every group (Pricelists setting on included), as Odoo's own admin in a demo database.
        fresh.model("res.users").method("has_group", call -> true);
        new SandboxSeed(fresh).seed();
        db = fresh;
    }

    /** Changes a product's quantity on hand (a receipt or a count); answers the new quantity. */
    public synchronized double adjustStock(String sku, double delta) {
        Integer id = db.search("product.product", List.of(List.of("default_code", "=", sku))).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No product " + sku));
        Map<String, Object> product = db.model("product.product").rows.get(id);
        double onHand = number(product.get("qty_available")) + delta;
        product.put("qty_available", onHand);
        return onHand;
    }

    /** The product's quantity on hand and what is reserved for open deliveries. */
    public synchronized double onHand(String sku) {
        Integer id = db.search("product.product", List.of(List.of("default_code", "=", sku))).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No product " + sku));
        return number(db.model("product.product").rows.get(id).get("qty_available"));
    }

    /** The states of the deliveries of the sales orders with this client reference, oldest first. */
    public synchronized List<String> deliveryStates(String ref) {
        List<String> states = new ArrayList<>();
        for (Integer order : db.search("sale.order", List.of(List.of("client_order_ref", "=", ref)))) {
            for (Integer picking : OdooValues.ids(db.get("sale.order", order, "picking_ids"))) {
                states.add(String.valueOf(db.get("stock.picking", picking, "state")));
            }
        }
        return states;
    }

    /** Quantity delivered per product code over the sales orders with this client reference. */
    public synchronized Map<String, Double> delivered(String ref) {
        Map<String, Double> delivered = new java.util.TreeMap<>();
        for (Integer order : db.search("sale.order", List.of(List.of("client_order_ref", "=", ref)))) {
            for (Integer line : OdooValues.ids(db.get("sale.order", order, "order_line"))) {
                Object product = db.get("product.product", OdooValues.id(db.get("sale.order.line", line, "product_id")), "default_code");
                delivered.merge(String.valueOf(product), number(db.get("sale.order.line", line, "qty_delivered")), Double::sum);
            }
        }
        return delivered;
    }

    /** The sales orders whose {@code client_order_ref} is {@code ref}; Odoo does not keep it unique, neither do we. */
    public synchronized List<SandboxSaleOrder> salesOrdersByClientRef(String ref) {
        OdooModel orders = db.model("sale.order");
        List<SandboxSaleOrder> found = new ArrayList<>();
        for (Integer id : db.search("sale.order", List.of(List.of("client_order_ref", "=", ref)))) {
            Map<String, Object> row = orders.rows.get(id);
            found.add(new SandboxSaleOrder(id, String.valueOf(row.get("name")), String.valueOf(row.get("state")), ref,
                    number(db.get(orders, row, "amount_total"))));
        }
        return found;
    }

    /** A transfer of a sales order, with its done (or planned) quantities by SKU. */
    public record SandboxPicking(String name, String state, String type, String origin, Map<String, Double> quantities) {
    }

    /** An invoice or credit note of a sales order, with its line quantities by SKU. */
    public record SandboxMove(String name, String state, String moveType, String ref, double amountTotal,
                              Map<String, Double> quantities) {
    }

    /** A sales order line as Odoo computes it from deliveries, returns, invoices and credit notes. */
    public record SandboxLine(String sku, double ordered, double delivered, double invoiced) {
    }

    /** Every transfer (deliveries and returns) of the sales orders with this {@code client_order_ref}. */
    public synchronized List<SandboxPicking> pickingsByClientRef(String ref) {
        List<SandboxPicking> found = new ArrayList<>();
        for (Integer order : db.search("sale.order", List.of(List.of("client_order_ref", "=", ref)))) {
            for (Integer picking : db.search("stock.picking", List.of(List.of("sale_id", "=", order)))) {
                Map<String, Object> row = db.row("stock.picking", picking);
                Map<String, Double> quantities = new java.util.TreeMap<>();
                for (Integer move : db.search("stock.move", List.of(List.of("picking_id", "=", picking)))) {
                    Map<String, Object> m = db.row("stock.move", move);
                    if (!"cancel".equals(m.get("state"))) {
                        quantities.merge(sku(m.get("product_id")), number(m.get("quantity")), Double::sum);
                    }
                }
                found.add(new SandboxPicking(String.valueOf(row.get("name")), String.valueOf(row.get("state")),
                        String.valueOf(db.get("stock.picking", picking, "picking_type_code")),
                        String.valueOf(row.get("origin")), quantities));
            }
        }
        return found;
    }

    /** Every invoice and credit note of the sales orders with this {@code client_order_ref}. */
    public synchronized List<SandboxMove> movesByClientRef(String ref) {
        List<SandboxMove> found = new ArrayList<>();
        for (Integer order : db.search("sale.order", List.of(List.of("client_order_ref", "=", ref)))) {
            for (Integer move : OdooValues.ids(db.row("sale.order", order).getOrDefault("invoice_ids", List.of()))) {
                Map<String, Object> row = db.row("account.move", move);
                Map<String, Double> quantities = new java.util.TreeMap<>();
                for (Integer line : OdooValues.ids(db.get("account.move", move, "invoice_line_ids"))) {
                    Map<String, Object> l = db.row("account.move.line", line);
                    quantities.merge(sku(l.get("product_id")), number(l.get("quantity")), Double::sum);
                }
                found.add(new SandboxMove(String.valueOf(row.get("name")), String.valueOf(row.get("state")),
                        String.valueOf(row.get("move_type")), String.valueOf(row.get("ref")),
                        number(db.get("account.move", move, "amount_total")), quantities));
            }
        }
        return found;
    }

    /** The order lines of the sales orders with this {@code client_order_ref}. */
    public synchronized List<SandboxLine> linesByClientRef(String ref) {
        List<SandboxLine> found = new ArrayList<>();
        for (Integer order : db.search("sale.order", List.of(List.of("client_order_ref", "=", ref)))) {
            for (Integer line : OdooValues.ids(db.get("sale.order", order, "order_line"))) {
                Map<String, Object> row = db.row("sale.order.line", line);
                found.add(new SandboxLine(sku(row.get("product_id")), number(row.get("product_uom_qty")),
                        number(db.get("sale.order.line", line, "qty_delivered")),
                        number(db.get("sale.order.line", line, "qty_invoiced"))));
            }
        }
        return found;
    }

    /** What done scraps with this {@code origin} took out of stock, by SKU. */
    public synchronized Map<String, Double> scrappedByOrigin(String origin) {
        Map<String, Double> scrapped = new java.util.TreeMap<>();
        for (Integer scrap : db.search("stock.scrap", List.of(List.of("origin", "=", origin), List.of("state", "=", "done")))) {
            Map<String, Object> row = db.row("stock.scrap", scrap);
            scrapped.merge(sku(row.get("product_id")), number(row.get("scrap_qty")), Double::sum);
        }
        return scrapped;
    }

    private String sku(Object product) {
        return String.valueOf(db.get("product.product", id(product), "default_code"));
    }

    /** One JSON-RPC {@code call}: a service, a method and its positional arguments. */
    synchronized Object call(String service, String method, List<Object> args) {
        return switch (service) {
            case "common" -> common(method, args);
            case "db" -> switch (method) {
                case "list" -> List.of(DATABASE);
                case "server_version" -> version.serverVersion();
                default -> throw OdooFault.accessDenied();
            };
            case "object" -> {
                if (!method.equals("execute_kw") && !method.equals("execute")) {
                    throw OdooFault.attributeError("module 'odoo.service.model' has no attribute 'exp_%s'".formatted(method));
                }
                yield executeKw(method.equals("execute") ? asExecuteKw(args) : args);
            }
            default -> throw OdooFault.keyError(service);
        };
    }

    /**
     * One JSON-2 call as the API key's user: {@code ids} (absent for model methods) and the named parameters.
     * Unknown models and methods are werkzeug's 404, private methods an access error (19.0 transcripts 94-96).
     */
    synchronized Object json2(String modelName, String method, Object ids, Map<String, Object> parameters,
                              Map<String, Object> context) {
        if (!db.hasModel(modelName)) {
            throw OdooFault.notFound("the model '%s' does not exist".formatted(modelName));
        }
        if (method.startsWith("_")) {
            throw OdooFault.accessError("Private methods (such as '%s.%s') cannot be called remotely."
                    .formatted(modelName, method));
        }
        OdooModel model = db.model(modelName);
        if (!db.hasMethod(model, method)) {
            throw OdooFault.notFound("The method '%s.%s' does not exist".formatted(modelName, method));
        }
        if ("web_save".equals(method) && !parameters.containsKey("specification")) {
            // JSON-2 binds the method's signature before it calls it (19.0 transcripts 109, 203).
            throw OdooFault.database("werkzeug.exceptions.UnprocessableEntity",
                    "missing a required argument: 'specification'");
        }
        List<Object> args = ids == null ? List.of() : List.of(ids);
        return db.dispatch(new OdooCall(model, method, args, new LinkedHashMap<>(parameters),
                new LinkedHashMap<>(context), UID));
    }

    /** The uid of a web-client login ({@code /web/session/authenticate}), or null when Odoo would refuse it. */
    synchronized Integer authenticate(Object database, Object login, Object password) {
        checkDatabase(database);
        return "admin".equals(login) && accepts(password) ? UID : null;
    }

    /** {@code /web/dataset/call_kw} of a logged-in session: the same checks and dispatch as {@code execute_kw}. */
    synchronized Object callKw(String model, String method, List<Object> args, Map<String, Object> kwargs) {
        return executeKw(new ArrayList<>(List.of(DATABASE, UID, apiKey, model, method, args, kwargs)));
    }

    /**
     * What {@code /web/session/authenticate} and {@code /web/session/get_session_info} answer for the admin: the
     * keys third-party clients read (18.0 transcript 116; odoorpc reads {@code uid} and {@code user_context}).
     */
    synchronized Map<String, Object> sessionInfo() {
        Map<String, Object> user = db.row("res.users", UID);
        Map<String, Object> company = db.row("res.company", OdooSchema.COMPANY);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("uid", UID);
        info.put("is_system", true);
        info.put("is_admin", true);
        info.put("is_public", false);
        info.put("is_internal_user", true);
        info.put("user_context", new LinkedHashMap<>(Map.of("lang", "en_US", "tz", "UTC", "uid", UID)));
        info.put("db", DATABASE);
        info.put("server_version", version.serverVersion());
        info.put("server_version_info", version.version().get("server_version_info"));
        info.put("name", user.get("name"));
        info.put("username", user.get("login"));
        info.put("partner_display_name", "%s, %s".formatted(company.get("name"), user.get("name")));
        info.put("partner_id", 3);
        info.put("web.base.url", "http://localhost");
        Map<String, Object> allowed = new LinkedHashMap<>();
        for (Integer each : OdooValues.ids(user.getOrDefault("company_ids", List.of(OdooSchema.COMPANY)))) {
            allowed.put(String.valueOf(each), Map.of("id", each, "name", db.row("res.company", each).get("name"),
                    "sequence", 0, "child_ids", List.of(), "parent_id", false));
        }
        info.put("user_companies", Map.of("current_company", OdooSchema.COMPANY, "allowed_companies", allowed));
        return info;
    }

    private Object common(String method, List<Object> args) {
        return switch (method) {
            case "version" -> version.version();
            case "login", "authenticate" -> {
                if (args.size() < 3) {
                    throw OdooFault.typeError("exp_%s() missing required positional arguments".formatted(method));
                }
                checkDatabase(args.get(0));
                yield "admin".equals(args.get(1)) && accepts(args.get(2)) ? UID : false;
            }
            default -> throw OdooFault.attributeError("module 'odoo.service.common' has no attribute 'exp_%s'".formatted(method));
        };
    }

    private static List<Object> asExecuteKw(List<Object> args) {
        List<Object> converted = new ArrayList<>(args.subList(0, Math.min(5, args.size())));
        converted.add(args.size() > 5 ? new ArrayList<>(args.subList(5, args.size())) : List.of());
        return converted;
    }

    private Object executeKw(List<Object> args) {
        if (args.size() < 6) {
            throw OdooFault.typeError(missingArguments(EXECUTE_KW_PARAMETERS.subList(args.size(), 6)));
        }
        checkDatabase(args.get(0));
        Integer uid = id(args.get(1));
        if (uid == null || !db.model("res.users").rows.containsKey(uid)) {
            throw OdooFault.missing("res.users", args.get(1), uid == null ? 0 : uid);
        }
        if (uid != UID || !accepts(args.get(2))) {
            throw OdooFault.accessDenied();
        }
        String method = String.valueOf(args.get(4));
        if (method.startsWith("_")) {
            throw OdooFault.accessError("Private methods (such as %s) cannot be called remotely.".formatted(method));
        }
        OdooModel model = db.model(String.valueOf(args.get(3)));
        if (!db.hasMethod(model, method)) {
            throw OdooFault.attributeError("The method '%s' does not exist on the model '%s'".formatted(method, model.name));
        }
        Map<String, Object> kwargs = new LinkedHashMap<>(args.size() > 6 ? map(args.get(6)) : Map.of());
        Map<String, Object> context = new LinkedHashMap<>(map(kwargs.remove("context")));
        return db.dispatch(new OdooCall(model, method, list(args.get(5)), kwargs, context, uid));
    }

    private static void checkDatabase(Object name) {
        if (!DATABASE.equals(name)) {
            throw OdooFault.database("psycopg2.OperationalError", ("connection to server at \"127.0.0.1\", port 5432 failed: "
                    + "FATAL:  database \"%s\" does not exist\n").formatted(name));
        }
    }

    /** Python's wording for missing positional arguments. */
    private static String missingArguments(List<String> names) {
        List<String> quoted = names.stream().map(name -> "'" + name + "'").toList();
        String joined = quoted.size() == 1 ? quoted.get(0)
                : quoted.size() == 2 ? quoted.get(0) + " and " + quoted.get(1)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + ", and " + quoted.get(quoted.size() - 1);
        return "execute_kw() missing %d required positional argument%s: %s"
                .formatted(names.size(), names.size() == 1 ? "" : "s", joined);
    }
}
