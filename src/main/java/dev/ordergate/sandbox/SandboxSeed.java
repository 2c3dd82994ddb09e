package dev.ordergate.sandbox;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo data of the simulated Odoo (documented in {@code docs/sandbox.md}). Ids of the records that also
 * appear in the contract transcripts (Deco Addict 10, Azure Interior 15, E-COM07 17, E-COM08 18, FURN_0269 25,
 * FURN_8900 27, FURN_8855 33, pricelists 2 and 3, payment term 4,
 * tax 1) are the transcripts' ids, so recorded requests replay unchanged.
 */
final class SandboxSeed {

    private final OdooDatabase db;

    SandboxSeed(OdooDatabase db) {
        this.db = db;
    }

    void seed() {
        row("res.currency", 1, "name", "USD", "symbol", "$", "active", true);
        row("res.currency", 2, "name", "EUR", "symbol", "€", "active", true);
        row("res.company", 1, "name", "YourCompany", "currency_id", 1);
        row("res.country", 233, "name", "United States", "code", "US");
        row("res.country", 57, "name", "Germany", "code", "DE");
        row("res.country", 38, "name", "Canada", "code", "CA");
        row("res.company", 2, "name", "YourCompany EU", "currency_id", 2);
        row("res.users", 2, "name", "Mitchell Admin", "login", "admin", "active", true, "company_id", 1,
                "company_ids", List.of(List.of(6, 0, List.of(1, 2))));
        row("res.users.apikeys", 1, "name", "ordergate", "scope", "rpc", "user_id", 2, "expiration_date",
                LocalDateTime.now(ZoneOffset.UTC).plusDays(90).withNano(0).toString().replace('T', ' '));
        row("crm.team", 1, "name", "Sales");
        row("uom.uom", 1, "name", "Units", "factor", 1.0, "uom_type", "reference");
        row("uom.uom", 2, "name", "Dozens", "factor", 1.0 / 12, "uom_type", "bigger");
        row("product.category", 1, "name", "All");
        row("product.category", 8, "name", "All / Saleable / Office Furniture");
        row("product.category", 9, "name", "All / Saleable / Services");
        row("account.tax.group", 1, "name", "Tax 15%");
        row("account.tax", 1, "name", "15%", "amount", 15.0, "amount_type", "percent", "type_tax_use", "sale",
                "price_include", false, "price_include_override", false, "include_base_amount", false,
                "tax_group_id", 1, "description", false, "invoice_label", false, "company_id", 1, "active", true);
        row("account.journal", 1, "name", "Customer Invoices", "code", "INV", "type", "sale", "active", true, "company_id", 1);
        row("account.journal", 3, "name", "Miscellaneous Operations", "code", "MISC", "type", "general", "active", true,
                "company_id", 1);
        String[] terms = {"Immediate Payment", "15 Days", "21 Days", "30 Days", "45 Days", "End of Following Month"};
        for (int i = 0; i < terms.length; i++) {
            row("account.payment.term", i + 1, "name", terms[i], "note", "<p>Payment terms: %s</p>".formatted(terms[i]),
                    "early_discount", false, "discount_percentage", 2.0, "discount_days", 10, "active", true);
        }
        row("stock.location", 5, "name", "Partners/Customers", "usage", "customer");
        row("stock.location", 8, "name", "WH/Stock", "usage", "internal", "company_id", 1);
        row("stock.location", 16, "name", "Virtual Locations/Scrap", "usage", "inventory");
        row("stock.picking.type", 1, "name", "YourCompany: Receipts", "code", "incoming", "sequence_code", "IN",
                "company_id", 1);
        row("stock.picking.type", 2, "name", "YourCompany: Delivery Orders", "code", "outgoing", "sequence_code", "OUT",
                "company_id", 1);
        row("res.partner", 1, "name", "YourCompany", "is_company", true, "customer_rank", 0, "country_id", 233,
                "street", "250 Executive Park Blvd", "city", "San Francisco", "zip", "94134", "active", true);
        row("stock.warehouse", 1, "name", "YourCompany", "code", "WH", "lot_stock_id", 8, "delivery_steps", "ship_only",
                "reception_steps", "one_step", "company_id", 1, "partner_id", 1, "out_type_id", 2);

        row("product.pricelist", 2, "name", "Default", "currency_id", 1, "company_id", 1, "active", true, "sequence", 10);
        row("product.pricelist", 3, "name", "Distributor Tier A", "currency_id", 1, "company_id", 1, "active", true, "sequence", 16);

        customer(14, "Acme Distribution", "C-10042", "1 Dock Rd", "Fresno", "93701", 3, 4, 100000.0, 5000.0);
        customer(10, "Deco Addict", "C-20077", "77 Santa Barbara Rd", "Pleasant Hill", "94523", 3, 4, 3000.0, 2500.0);
        customer(16, "Blocked Buyer Inc", "C-30099", "12 Main St", "Springfield", "62701", 2, 1, 20000.0, 0.0);
        customer(15, "Azure Interior", "C-40011", "4557 De Silva St", "Fremont", "94538", 2, 6, 0.0, 0.0);

        product(17, "E-COM07", "Large Cabinet", 320.0, 800.0, 2000, "consu");
        product(18, "E-COM08", "Storage Box", 15.8, 14.0, 1000, "consu");
        product(25, "FURN_0269", "Office Chair Black", 320.0, 180.0, 5000, "consu");
        product(26, "FURN_8888", "Office Lamp", 40.0, 25.0, 3, "consu");
        product(30, "SVC-INSTALL", "Installation", 90.0, 0.0, 0, "service");
        // Short, with a substitute in stock (ordergate.substitutions.table names FURN_8855 for FURN_8900).
        product(27, "FURN_8900", "Drawer Black", 25.0, 20.0, 2, "consu");
        product(33, "FURN_8855", "Drawer", 110.5, 100.0, 80, "consu");

        pricelistItem(1, 3, "0_product_variant", 25, "fixed", 299.0, 0.0, 1.0);
        pricelistItem(2, 3, "0_product_variant", 17, "fixed", 280.0, 0.0, 1.0);
        pricelistItem(3, 3, "3_global", null, "percentage", 0.0, 10.0, 0.0);
        europe();
    }

    /**
     * The second company, as Odoo's multi-company keeps it in the same database: its own warehouse (EU, with its
     * stock location and operation types), pricelists in EUR, a 19% sales tax, a sales journal and a customer of
     * its own. Products, payment terms and the shared customers have no company, so both companies see them.
     */
    private void europe() {
        row("res.partner", 2, "name", "YourCompany EU", "is_company", true, "customer_rank", 0, "country_id", 57,
                "street", "Friedrichstraße 68", "city", "Berlin", "zip", "10117", "active", true, "company_id", 2);
        row("stock.location", 20, "name", "EU/Stock", "usage", "internal", "company_id", 2);
        row("stock.picking.type", 3, "name", "YourCompany EU: Receipts", "code", "incoming", "sequence_code", "IN",
                "company_id", 2);
        row("stock.picking.type", 4, "name", "YourCompany EU: Delivery Orders", "code", "outgoing",
                "sequence_code", "OUT", "company_id", 2);
        row("stock.warehouse", 2, "name", "YourCompany EU", "code", "EU", "lot_stock_id", 20, "delivery_steps",
                "ship_only", "reception_steps", "one_step", "company_id", 2, "partner_id", 2, "out_type_id", 4);
        row("account.tax.group", 2, "name", "VAT 19%");
        row("account.tax", 2, "name", "19%", "amount", 19.0, "amount_type", "percent", "type_tax_use", "sale",
                "price_include", false, "price_include_override", false, "include_base_amount", false,
                "tax_group_id", 2, "description", false, "invoice_label", "19% VAT", "company_id", 2, "active", true);
        row("account.journal", 4, "name", "Customer Invoices", "code", "EINV", "type", "sale", "active", true,
                "company_id", 2);
        row("product.pricelist", 4, "name", "Default EUR", "currency_id", 2, "company_id", 2, "active", true, "sequence", 10);
        row("product.pricelist", 5, "name", "EU Distributor", "currency_id", 2, "company_id", 2, "active", true,
                "sequence", 16);
        pricelistItem(4, 5, "0_product_variant", 25, "fixed", 279.0, 0.0, 1.0);
        pricelistItem(5, 5, "0_product_variant", 17, "fixed", 259.0, 0.0, 1.0);
        pricelistItem(6, 5, "3_global", null, "percentage", 0.0, 8.0, 0.0);
        row("res.partner", 41, "name", "Berliner Bürobedarf GmbH", "ref", "C-50001", "vat", "DE811907980",
                "email", "ap@berliner-buerobedarf.example.com", "phone", "+49 30 555 0141", "is_company", true,
                "customer_rank", 5, "supplier_rank", 0, "country_id", 57, "street", "Alexanderplatz 1", "city", "Berlin",
                "zip", "10178", "property_product_pricelist", 5, "property_payment_term_id", 4, "credit_limit", 80000.0,
                "use_partner_credit_limit", true, "credit", 0.0, "active", true, "company_id", 2);
        // Every product carries the sales tax of each company; a line keeps its own company's.
        for (Integer product : db.search("product.product", List.of())) {
            db.write("product.product", product, Map.of("taxes_id", List.of(List.of(4, 2))));
        }
    }

    private void customer(int id, String name, String ref, String street, String city, String zip, int pricelist,
                          int paymentTerm, double creditLimit, double credit) {
        String slug = name.toLowerCase().replaceAll("[^a-z]+", "-").replaceAll("-$", "");
        row("res.partner", id, "name", name, "ref", ref, "vat", "US%08d".formatted(12345600 + id), "email", "ap@" + slug + ".example.com",
                "phone", "(555)-010-%04d".formatted(id), "is_company", true, "customer_rank", 5, "supplier_rank", 0,
                "country_id", 233, "street", street, "city", city, "zip", zip,
                "property_product_pricelist", pricelist, "property_payment_term_id", paymentTerm,
                "credit_limit", creditLimit, "use_partner_credit_limit", creditLimit > 0, "credit", credit, "active", true);
    }

    private void product(int id, String code, String name, double listPrice, double cost, double onHand, String type) {
        boolean storable = type.equals("consu");
        row("product.template", id, "name", name, "default_code", code);
        row("product.product", id, "default_code", code, "name", name, "list_price", listPrice, "standard_price", cost,
                "qty_available", onHand, "uom_id", 1, "type", type, "is_storable", storable,
                "invoice_policy", storable ? "delivery" : "order", "taxes_id", List.of(List.of(6, 0, List.of(1))),
                "barcode", false, "categ_id", storable ? 8 : 9, "product_tmpl_id", id, "active", true, "sale_ok", true);
    }

    private void pricelistItem(int id, int pricelist, String appliedOn, Integer product, String computePrice,
                               double fixedPrice, double percentPrice, double minQuantity) {
        row("product.pricelist.item", id, "pricelist_id", pricelist, "applied_on", appliedOn,
                "display_applied_on", "1_product", "product_tmpl_id", product == null ? false : product,
                "product_id", product == null ? false : product, "categ_id", false, "min_quantity", minQuantity,
                "compute_price", computePrice, "fixed_price", fixedPrice, "percent_price", percentPrice,
                "base", "list_price", "price_discount", 0.0, "price_surcharge", 0.0, "price_round", 0.0,
                "date_start", false, "date_end", false);
    }

    private void row(String model, int id, Object... pairs) {
        Map<String, Object> vals = new HashMap<>();
        vals.put("id", id);
        for (int i = 0; i < pairs.length; i += 2) {
            vals.put((String) pairs[i], pairs[i + 1]);
        }
        db.create(model, vals);
    }
}
