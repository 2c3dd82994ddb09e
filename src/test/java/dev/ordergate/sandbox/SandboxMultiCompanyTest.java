package dev.ordergate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulated Odoo's two companies (US in USD, EU in EUR) behave as Odoo's multi-company: the context's
 * {@code allowed_company_ids} decides what a call sees and where it creates, and no record crosses companies.
 */
@SpringBootTest(classes = SandboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ordergate.sandbox.wms.auto-ship=false")
class SandboxMultiCompanyTest {

    private static final int US = 1;
    private static final int EU = 2;
    private static final int ACME = 14;
    private static final int BERLINER = 41;
    private static final int CHAIR = 25;
    private static final int INSTALLATION = 30;
    private static final List<String> COMPANY_MODELS = List.of("sale.order", "sale.order.line", "stock.picking",
            "stock.move", "account.move", "account.move.line", "account.journal", "account.tax", "product.pricelist",
            "stock.warehouse", "stock.location", "stock.picking.type", "res.partner", "product.product");

    @LocalServerPort
    int port;
    @Autowired
    SandboxOdoo odoo;

    private SandboxHttp http;

    @BeforeEach
    void freshSandbox() {
        odoo.reset();
        http = new SandboxHttp(port);
    }

    @Test
    void anEuOrderIsPricedTaxedShippedAndInvoicedInTheEuCompany() {
        int order = http.result("sale.order", "create", List.of(Map.of("partner_id", BERLINER, "client_order_ref", "PO-EU-1",
                "order_line", List.of(List.of(0, 0, Map.of("product_id", CHAIR, "product_uom_qty", 10)),
                        List.of(0, 0, Map.of("product_id", INSTALLATION, "product_uom_qty", 1))))), in(EU)).asInt();

        JsonNode header = http.result("sale.order", "read", List.of(List.of(order)), fields(EU, "name", "company_id",
                "pricelist_id", "currency_id", "warehouse_id", "amount_untaxed", "amount_tax")).get(0);
        assertThat(header.get("company_id").get(0).asInt()).isEqualTo(EU);
        assertThat(header.get("pricelist_id").get(1).asText()).isEqualTo("EU Distributor (EUR)");
        assertThat(header.get("currency_id").get(1).asText()).isEqualTo("EUR");
        assertThat(header.get("warehouse_id").get(1).asText()).isEqualTo("YourCompany EU");
        // 10 chairs at the EU pricelist's 279.00, installation at 90.00 less its 8 %; the EU's 19 % VAT only.
        assertThat(header.get("amount_untaxed").asDouble()).isEqualTo(10 * 279.0 + 82.8);
        assertThat(header.get("amount_tax").asDouble()).isEqualTo(Math.round((10 * 279.0 + 82.8) * 19) / 100.0);

        http.result("sale.order", "action_confirm", List.of(List.of(order)), in(EU));
        JsonNode picking = http.result("stock.picking", "search_read", List.of(List.of(List.of("sale_id", "=", order))),
                fields(EU, "name", "company_id", "location_id")).get(0);
        assertThat(picking.get("name").asText()).startsWith("EU/OUT/");
        assertThat(picking.get("company_id").get(0).asInt()).isEqualTo(EU);
        assertThat(picking.get("location_id").get(1).asText()).isEqualTo("EU/Stock");

        int wizard = http.result("sale.advance.payment.inv", "create", List.of(Map.of("advance_payment_method", "delivered")),
                Map.of("context", Map.of("allowed_company_ids", List.of(EU), "active_model", "sale.order",
                        "active_ids", List.of(order)))).asInt();
        http.result("sale.advance.payment.inv", "create_invoices", List.of(List.of(wizard)), in(EU));
        JsonNode invoice = http.result("account.move", "search_read", List.of(List.of(List.of("invoice_origin", "=",
                header.get("name").asText()))), fields(EU, "company_id", "journal_id", "state")).get(0);
        http.result("account.move", "action_post", List.of(List.of(invoice.get("id").asInt())), in(EU));
        JsonNode posted = http.result("account.move", "read", List.of(List.of(invoice.get("id").asInt())),
                fields(EU, "name", "company_id", "amount_tax")).get(0);
        assertThat(posted.get("company_id").get(0).asInt()).isEqualTo(EU);
        assertThat(posted.get("name").asText()).startsWith("EINV/");
        assertThat(posted.get("amount_tax").asDouble()).isEqualTo(Math.round(82.8 * 19) / 100.0);
    }

    @Test
    void aRecordOfTheEuCompanyIsInvisibleAndUnwritableUnderTheUsCompany() {
        int order = http.result("sale.order", "create", List.of(Map.of("partner_id", BERLINER, "client_order_ref", "PO-EU-2")),
                in(EU)).asInt();

        // No context: the user's own company, the US one.
        assertThat(http.result("sale.order", "search_count", List.of(List.of()), Map.of()).asInt()).isZero();
        assertThat(http.result("res.partner", "search_read", List.of(List.of(List.of("ref", "=", "C-50001"))),
                Map.of("fields", List.of("name"))).size()).isZero();
        JsonNode read = http.executeKw("sale.order", "read", List.of(List.of(order)), Map.of("fields", List.of("name")));
        assertThat(read.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.AccessError");
        assertThat(read.at("/error/data/message").asText()).isEqualTo("""
                Uh-oh! Looks like you have stumbled upon some top-secret records.

                Sorry, Mitchell Admin (id=2) doesn't have 'read' access to:
                - Sales Order (sale.order)

                If you really, really need access, perhaps you can win over your friendly administrator with a batch \
                of freshly baked cookies.

                This seems to be a multi-company issue, you might be able to access the record by switching to the \
                company: YourCompany EU.""");
        JsonNode write = http.executeKw("sale.order", "write", List.of(List.of(order), Map.of("note", "changed")),
                in(US));
        assertThat(write.at("/error/data/message").asText()).contains("doesn't have 'write' access to:");
        JsonNode confirm = http.executeKw("sale.order", "action_confirm", List.of(List.of(order)), in(US));
        assertThat(confirm.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.AccessError");
        assertThat(odoo.salesOrdersByClientRef("PO-EU-2")).singleElement()
                .satisfies(unchanged -> assertThat(unchanged.state()).isEqualTo("draft"));
        // The EU's tax is not among a shared product's taxes when the US company reads it.
        assertThat(http.result("product.product", "read", List.of(List.of(CHAIR)), fields(US, "taxes_id"))
                .get(0).get("taxes_id").toString()).isEqualTo("[1]");
    }

    @Test
    void anOrderOfOneCompanyWithTheOtherCompanysPricelistOrWarehouseIsRefusedAndNothingIsCreated() {
        JsonNode pricelist = http.executeKw("sale.order", "create", List.of(Map.of("partner_id", ACME,
                "client_order_ref", "PO-CROSS", "pricelist_id", 3)), in(EU));
        assertThat(pricelist.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.UserError");
        assertThat(pricelist.at("/error/data/message").asText()).isEqualTo("""
                Incompatible companies on records:
                - 'S00001' belongs to company 'YourCompany EU' and 'Pricelist' (pricelist_id: 'Distributor Tier A (USD)') \
                belongs to another company.""");
        JsonNode warehouse = http.executeKw("sale.order", "create", List.of(Map.of("partner_id", ACME,
                "client_order_ref", "PO-CROSS", "warehouse_id", 1)), in(EU));
        assertThat(warehouse.at("/error/data/message").asText())
                .contains("'Warehouse' (warehouse_id: 'YourCompany') belongs to another company.");
        JsonNode partner = http.executeKw("sale.order", "create", List.of(Map.of("partner_id", BERLINER,
                "client_order_ref", "PO-CROSS", "company_id", US)), in(US, EU));
        assertThat(partner.at("/error/data/message").asText())
                .contains("'Customer' (partner_id: 'Berliner Bürobedarf GmbH') belongs to another company.");
        assertThat(odoo.salesOrdersByClientRef("PO-CROSS")).isEmpty();
    }

    @Test
    void aCompanyTheUserMayNotEnterIsRefusedAndACreateInAnotherCompanyToo() {
        JsonNode unknown = http.executeKw("res.partner", "search_read", List.of(List.of()), fields(3, "name"));
        assertThat(unknown.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.AccessError");
        assertThat(unknown.at("/error/data/message").asText()).isEqualTo("Access to unauthorized or invalid companies.");
        JsonNode elsewhere = http.executeKw("sale.order", "create", List.of(Map.of("partner_id", ACME,
                "client_order_ref", "PO-ELSEWHERE", "company_id", EU)), Map.of());
        assertThat(elsewhere.at("/error/data/message").asText()).contains("doesn't have 'create' access to:");
        assertThat(odoo.salesOrdersByClientRef("PO-ELSEWHERE")).isEmpty();
    }

    @Test
    void noRecordCrossesCompanies() {
        for (int company : List.of(US, EU)) {
            int partner = company == US ? ACME : BERLINER;
            int order = http.result("sale.order", "create", List.of(Map.of("partner_id", partner,
                    "client_order_ref", "PO-ALL-" + company, "order_line", List.of(List.of(0, 0,
                            Map.of("product_id", INSTALLATION, "product_uom_qty", 1))))), in(company)).asInt();
            http.result("sale.order", "action_confirm", List.of(List.of(order)), in(company));
        }
        for (int company : List.of(US, EU)) {
            List<String> crossing = new ArrayList<>();
            int seen = 0;
            for (String model : COMPANY_MODELS) {
                for (JsonNode record : http.result(model, "search_read", List.of(List.of()), fields(company, "company_id"))) {
                    seen++;
                    JsonNode owner = record.get("company_id");
                    if (owner.isArray() && owner.get(0).asInt() != company) {
                        crossing.add(model + "," + record.get("id"));
                    }
                }
            }
            assertThat(crossing).as("records of another company seen by company %d", company).isEmpty();
            assertThat(seen).isGreaterThan(20);
        }
        assertThat(http.result("sale.order", "search_count", List.of(List.of()), in(US, EU)).asInt()).isEqualTo(2);
    }

    private static Map<String, Object> in(Integer... companies) {
        return Map.of("context", Map.of("allowed_company_ids", List.of(companies)));
    }

    private static Map<String, Object> fields(int company, String... names) {
        return Map.of("fields", List.of(names), "context", Map.of("allowed_company_ids", List.of(company)));
    }
}
