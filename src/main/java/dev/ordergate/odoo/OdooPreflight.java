package dev.ordergate.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooAccessException;
import dev.ordergate.odoo.client.OdooAccessProperties;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooDialect;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooServerException;
import dev.ordergate.odoo.client.OdooValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code ordergate preflight}: checks a target Odoo for everything Ordergate needs (version and protocol, our
 * credentials, the API user's read access, the pricelists setting, company, warehouse and sales journal, the
 * customers' refs and the products' default codes) and says plainly what is missing and how to fix it. Served at
 * {@code GET /api/v1/ops/preflight} and logged once after start-up ({@code ordergate.odoo.preflight-on-start}).
 */
@Component
public class OdooPreflight {

    private static final Logger log = LoggerFactory.getLogger(OdooPreflight.class);
    /** What Ordergate reads in Odoo, and the app that brings each model. */
    private static final List<Map.Entry<String, String>> MODELS = List.of(Map.entry("res.partner", "Contacts"),
            Map.entry("product.product", "Sales"), Map.entry("product.pricelist", "Sales"), Map.entry("sale.order", "Sales"),
            Map.entry("stock.warehouse", "Inventory"), Map.entry("stock.picking", "Inventory"),
            Map.entry("account.move", "Invoicing"), Map.entry("account.journal", "Invoicing"));
    /** Customers and products looked at when no list is given: enough to see a habit, few enough for one call. */
    private static final int SAMPLE = 20;

    /** How a check ended: {@code OK}, {@code MISSING} (Ordergate cannot work without it) or {@code WARNING}. */
    public enum Outcome { OK, MISSING, WARNING }

    /** One check: what was checked, what was found, and for anything not OK, how to fix it in Odoo. */
    public record Check(String name, Outcome outcome, String detail, String fix) {
    }

    /** Ready when nothing is missing; warnings do not stop orders. */
    public record Report(boolean ready, String odoo, List<Check> checks) {
    }

    private final OdooClient odoo;
    private final OdooProperties properties;
    private final OdooAccessProperties access;
    private final boolean onStart;

    OdooPreflight(OdooClient odoo, OdooProperties properties, OdooAccessProperties access,
                  @Value("${ordergate.odoo.preflight-on-start:true}") boolean onStart) {
        this.odoo = odoo;
        this.properties = properties;
        this.access = access;
        this.onStart = onStart;
    }

    /** The start-up report: off the start-up thread, so a slow or absent Odoo never delays the node. */
    @EventListener(ApplicationReadyEvent.class)
    void reportAtStart() {
        if (!onStart) {
            return;
        }
        Thread reporter = new Thread(() -> {
            Report report;
            try {
                report = check(List.of(), List.of());
            } catch (RuntimeException failed) {
                log.warn("Preflight of {} could not finish: {}", properties.url(), failed.toString());
                return;
            }
            for (Check check : report.checks()) {
                if (check.outcome() == Outcome.OK) {
                    log.info("Preflight {}: {}", check.name(), check.detail());
                } else {
                    log.warn("Preflight {} {}: {} Fix: {}", check.name(), check.outcome(), check.detail(), check.fix());
                }
            }
            log.info("Preflight of {}: {}", report.odoo(), report.ready() ? "ready" : "NOT ready, see the lines above");
        }, "odoo-preflight");
        reporter.setDaemon(true);
        reporter.start();
    }

    /** Checks Odoo; {@code customers} and {@code products} are refs and codes to look for (empty: configured, else a sample). */
    public Report check(Collection<String> customers, Collection<String> products) {
        List<Check> checks = new ArrayList<>();
        String target = properties.url() + " (database " + properties.database() + ")";
        try {
            OdooClient.Server server = odoo.server();
            checks.add(ok("version", "Odoo " + server.version() + ", speaking " + protocol(server)));
        } catch (OdooException unreachable) {
            checks.add(missing("version", "Odoo does not answer: " + unreachable.getMessage(),
                    "check ordergate.odoo.url (the server's address, no path) and ordergate.odoo.database"));
            return report(target, checks);
        }
        int uid;
        try {
            uid = odoo.uid();
            odoo.executeKw("res.users", "search_count", List.of(List.of(List.of("id", "=", uid))), null);
            checks.add(ok("credentials", "login '" + properties.login() + "' accepted (uid " + uid + ")"));
        } catch (OdooException refused) {
            checks.add(missing("credentials", refused.getMessage(), "in Odoo, Preferences > Account Security > New API Key "
                    + "for the user '" + properties.login() + "', then set ordergate.odoo.api-key (or the file of "
                    + "ordergate.odoo.api-key-file); Odoo 19's JSON-2 takes only an API key, never a password"));
            return report(target, checks);
        }
        rights(checks);
        pricelists(uid, checks);
        single(checks, "company", "res.company", List.of(), List.of("name"), "a company",
                "Settings > Companies: create the company that sells");
        single(checks, "warehouse", "stock.warehouse", List.of(), List.of("name", "code"), "a warehouse",
                "install Inventory; Inventory > Configuration > Warehouses");
        single(checks, "sales journal", "account.journal", List.of(List.of("type", "=", "sale")), List.of("name", "code"),
                "a sales journal (invoices, and credit notes reversed into the invoice's journal)",
                "install Invoicing with a chart of accounts (Invoicing > Configuration > Settings > Fiscal Localization), "
                        + "which creates the Customer Invoices journal");
        try {
            customers(customers.isEmpty() ? access.preflightCustomers() : List.copyOf(customers), checks);
            products(products.isEmpty() ? access.preflightProducts() : List.copyOf(products), checks);
        } catch (OdooException cannot) {
            checks.add(missing("master data", "cannot read customers or products: " + cannot.getMessage(),
                    "see the rights check above"));
        }
        return report(target, checks);
    }

    private void rights(List<Check> checks) {
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, String> model : MODELS) {
            try {
                odoo.executeKw(model.getKey(), "search_count", List.of(List.of(List.of("id", "=", 0))), null);
            } catch (OdooAccessException | OdooBusinessException | OdooProtocolException | OdooServerException cannot) {
                refused.add(model.getKey() + " (" + model.getValue() + ")");
            }
        }
        checks.add(refused.isEmpty()
                ? ok("rights", "the API user reads every model Ordergate uses")
                : missing("rights", "the API user cannot read " + String.join(", ", refused),
                "install those apps and give '" + properties.login() + "' Sales: Administrator, Inventory: "
                        + "Administrator and Invoicing: Billing Administrator (Settings > Users)"));
    }

    private void pricelists(int uid, List<Check> checks) {
        try {
            // Named, as JSON-2 takes only the ids positionally; JSON-RPC takes it either way.
            JsonNode enabled = odoo.executeKw("res.users", "has_group", List.of(List.of(uid)),
                    Map.of("group_ext_id", "product.group_product_pricelist"));
            checks.add(enabled.asBoolean()
                    ? ok("pricelists", "the Pricelists setting is on")
                    : missing("pricelists", "the Pricelists setting is off: every customer gets the list price",
                    "Sales > Configuration > Settings > Pricelists, then a pricelist per customer (its Sales & Purchase tab)"));
        } catch (OdooException notAsked) {
            checks.add(new Check("pricelists", Outcome.WARNING, "Odoo did not say whether the Pricelists setting is on: "
                    + notAsked.getMessage(), "check Sales > Configuration > Settings > Pricelists by hand"));
        }
    }

    private void single(List<Check> checks, String name, String model, List<?> domain, List<String> fields, String what,
                        String fix) {
        try {
            JsonNode found = odoo.searchRead(model, domain, fields, 5, 0, null);
            if (found.isEmpty()) {
                checks.add(missing(name, "Odoo has no " + what, fix));
            } else {
                List<String> names = new ArrayList<>();
                found.forEach(r -> names.add(r.path("name").asText() + (r.has("code") ? " (" + r.path("code").asText() + ")" : "")));
                checks.add(ok(name, String.join(", ", names)));
            }
        } catch (OdooException cannot) {
            checks.add(missing(name, "cannot read " + model + ": " + cannot.getMessage(), fix));
        }
    }

    private void customers(List<String> refs, List<Check> checks) {
        if (refs.isEmpty()) {
            // A customer entered in Contacts has customer_rank 0 until its first sale (seen on real Odoo 19): one with
            // a Reference counts too, or an Odoo prepared for Ordergate but never sold from would show no customers.
            JsonNode sample = odoo.searchRead("res.partner", List.of("|", List.of("customer_rank", ">", 0),
                    List.of("ref", "!=", false)), List.of("name", "ref"), SAMPLE, 0, null);
            List<String> withoutRef = new ArrayList<>();
            sample.forEach(c -> {
                if (!c.path("ref").isTextual() || c.path("ref").asText().isBlank()) {
                    withoutRef.add(c.path("name").asText());
                }
            });
            checks.add(sample.isEmpty()
                    ? missing("customers", "Odoo has no customers", "Contacts: create each customer, with its "
                    + "Reference (Sales & Purchase tab) set to the customerRef the channels send")
                    : withoutRef.isEmpty() ? ok("customers", "a sample of " + sample.size() + " customers all have a Reference")
                    : new Check("customers", Outcome.WARNING, withoutRef.size() + " of a sample of " + sample.size()
                    + " customers have no Reference, so no order can name them: " + String.join(", ", withoutRef),
                    "Contacts > the customer > Sales & Purchase > Reference: the customerRef the channels send"));
            return;
        }
        Map<String, JsonNode> found = new HashMap<>();
        odoo.searchReadIn("res.partner", "ref", refs, List.of("name", "ref", "property_product_pricelist"))
                .forEach(c -> found.put(c.path("ref").asText(), c));
        for (String ref : refs) {
            JsonNode customer = found.get(ref);
            if (customer == null) {
                checks.add(missing("customer " + ref, "no contact has the Reference " + ref,
                        "Contacts: create the customer (or open it) and set Sales & Purchase > Reference to " + ref));
            } else if (!customer.path("property_product_pricelist").isArray()) {
                checks.add(new Check("customer " + ref, Outcome.WARNING, customer.path("name").asText() + " has no pricelist",
                        "the customer's Sales & Purchase > Pricelist: the pricelist of their agreed prices"));
            } else {
                checks.add(ok("customer " + ref, customer.path("name").asText() + ", pricelist "
                        + OdooValues.many2oneName(customer.path("property_product_pricelist"))));
            }
        }
    }

    private void products(List<String> codes, List<Check> checks) {
        if (codes.isEmpty()) {
            JsonNode sample = odoo.searchRead("product.product", List.of(List.of("sale_ok", "=", true)),
                    List.of("name", "default_code"), SAMPLE, 0, null);
            List<String> withoutCode = new ArrayList<>();
            sample.forEach(p -> {
                if (!p.path("default_code").isTextual() || p.path("default_code").asText().isBlank()) {
                    withoutCode.add(p.path("name").asText());
                }
            });
            checks.add(sample.isEmpty()
                    ? missing("products", "Odoo has no products that can be sold", "Inventory > Products: create "
                    + "each product with Can be Sold and its Internal Reference set to the sku the channels send")
                    : withoutCode.isEmpty() ? ok("products", "a sample of " + sample.size() + " products all have an Internal Reference")
                    : new Check("products", Outcome.WARNING, withoutCode.size() + " of a sample of " + sample.size()
                    + " products have no Internal Reference, so no order can name them: " + String.join(", ", withoutCode),
                    "Inventory > Products > the product > Internal Reference: the sku the channels send"));
            return;
        }
        Map<String, JsonNode> found = new HashMap<>();
        OdooDialect dialect = odoo.dialect();
        List<String> fields = new ArrayList<>(List.of("name", "default_code", "qty_available", "invoice_policy"));
        fields.addAll(dialect.productTypeFields());
        odoo.searchReadIn("product.product", "default_code", codes, fields)
                .forEach(p -> found.put(p.path("default_code").asText(), p));
        for (String code : codes) {
            JsonNode product = found.get(code);
            if (product == null) {
                checks.add(missing("product " + code, "no product has the Internal Reference " + code,
                        "Inventory > Products: create the product (or open it) and set Internal Reference to " + code));
            } else if (!dialect.isStorable(product)) {
                // Odoo shows a free quantity of 0 for goods it does not track, so every order of them is short.
                checks.add(missing("product " + code, product.path("name").asText() + " is not tracked in inventory, "
                        + "so Odoo shows none free and every order of it is short",
                        "Inventory > Products > the product: tick Track Inventory (beside Product Type)"));
            } else if ("order".equals(product.path("invoice_policy").asText())) {
                // Odoo's default for a new product (demo products say delivery): a partial delivery whose rest is
                // cancelled would be invoiced in full.
                checks.add(new Check("product " + code, Outcome.WARNING, product.path("name").asText()
                        + " is invoiced on ordered quantities: an order shipped in part and closed would be invoiced "
                        + "for what never left", "Sales > Configuration > Settings > Invoicing Policy: Invoice what is "
                        + "delivered, and on the product's Sales tab Invoicing Policy: Delivered quantities"));
            } else if (product.path("qty_available").asDouble() <= 0) {
                checks.add(new Check("product " + code, Outcome.WARNING, product.path("name").asText() + " has no stock on hand",
                        "Inventory > Products > the product > Update Quantity, or a receipt"));
            } else {
                checks.add(ok("product " + code, product.path("name").asText() + ", " + product.path("qty_available").asText()
                        + " on hand"));
            }
        }
    }

    private static String protocol(OdooClient.Server server) {
        return server.protocol().name().toLowerCase().replace('_', '-');
    }

    private static Report report(String target, List<Check> checks) {
        return new Report(checks.stream().noneMatch(c -> c.outcome() == Outcome.MISSING), target, List.copyOf(checks));
    }

    private static Check ok(String name, String detail) {
        return new Check(name, Outcome.OK, detail, null);
    }

    private static Check missing(String name, String detail, String fix) {
        return new Check(name, Outcome.MISSING, detail, fix);
    }
}
