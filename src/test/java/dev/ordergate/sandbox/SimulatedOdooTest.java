package dev.ordergate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ordergate.sandbox.SandboxFaults.Fault;

@SpringBootTest(classes = SandboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ordergate.sandbox.wms.auto-ship=false")
class SimulatedOdooTest {

    private static final int ACME = 14;
    private static final int CABINET = 17;
    private static final int CHAIR = 25;
    private static final int LAMP = 26;

    @LocalServerPort
    int port;
    @Autowired
    SandboxOdoo odoo;
    @Autowired
    SandboxFaults faults;

    private SandboxHttp http;

    @BeforeEach
    void freshSandbox() {
        odoo.reset();
        faults.reset();
        http = new SandboxHttp(port);
    }

    @Test
    void theReadmeSampleOrderIsPricedByTheDistributorPricelist() {
        int order = createOrder("PO-README", Map.of("product_id", CHAIR, "product_uom_qty", 12),
                Map.of("product_id", CABINET, "product_uom_qty", 5));

        JsonNode lines = http.result("sale.order.line", "search_read", List.of(List.of(List.of("order_id", "=", order))),
                Map.of("fields", List.of("product_id", "price_unit", "price_subtotal")));
        assertThat(lines.findValuesAsText("price_unit")).containsExactly("299.0", "280.0");
        JsonNode header = http.result("sale.order", "read", List.of(List.of(order)),
                Map.of("fields", List.of("name", "pricelist_id", "payment_term_id", "amount_untaxed"))).get(0);
        assertThat(header.get("name").asText()).isEqualTo("S00001");
        assertThat(header.get("pricelist_id").get(1).asText()).isEqualTo("Distributor Tier A (USD)");
        assertThat(header.get("payment_term_id").get(1).asText()).isEqualTo("30 Days");
        assertThat(header.get("amount_untaxed").asDouble()).isEqualTo(12 * 299.0 + 5 * 280.0);
    }

    @Test
    void aWriteStampsWriteDateInOdoosFormatAndAWatermarkSearchFindsOnlyWhatChangedSince() throws Exception {
        JsonNode before = http.result("res.partner", "read", List.of(List.of(ACME)),
                Map.of("fields", List.of("create_date", "write_date", "write_uid"))).get(0);
        String watermark = before.get("write_date").asText();
        assertThat(watermark).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(before.get("create_date").asText()).isEqualTo(watermark);
        assertThat(before.get("write_uid").get(0).asInt()).isEqualTo(2);
        // The seed is written within one second or two; a second later the write is the only thing after it.
        Thread.sleep(1100);
        http.result("res.partner", "write", List.of(List.of(ACME), Map.of("city", "Visalia")), Map.of());
        JsonNode after = http.result("res.partner", "read", List.of(List.of(ACME)), Map.of("fields", List.of("write_date"))).get(0);
        watermark = after.get("write_date").asText();

        // Odoo compares the stored microseconds: a record written in the watermark's own second is still after it.
        JsonNode changed = http.result("res.partner", "search_read",
                List.of(List.of(List.of("write_date", ">", watermark))), Map.of("fields", List.of("ref", "write_date")));
        assertThat(changed.findValuesAsText("ref")).containsExactly("C-10042");
        assertThat(http.result("res.partner", "search_count",
                List.of(List.of(List.of("write_date", ">", before.get("write_date").asText()))), Map.of()).asInt())
                .isGreaterThan(1);
    }

    @Test
    void confirmingAnOrderCreatesOneDeliveryAndReservesStock() {
        int order = createOrder("PO-CONFIRM", Map.of("product_id", CHAIR, "product_uom_qty", 12));

        assertThat(http.result("sale.order", "action_confirm", List.of(List.of(order)), Map.of()).asBoolean()).isTrue();

        JsonNode pickings = http.result("stock.picking", "search_read", List.of(List.of(List.of("sale_id", "=", order))),
                Map.of("fields", List.of("name", "state", "origin")));
        assertThat(pickings).hasSize(1);
        assertThat(pickings.get(0).get("name").asText()).isEqualTo("WH/OUT/00001");
        assertThat(pickings.get(0).get("state").asText()).isEqualTo("assigned");
        assertThat(pickings.get(0).get("origin").asText()).isEqualTo("S00001 - PO-CONFIRM");
        JsonNode chair = product(CHAIR);
        assertThat(chair.get("qty_available").asDouble()).isEqualTo(5000.0);
        assertThat(chair.get("free_qty").asDouble()).isEqualTo(4988.0);
    }

    @Test
    void aShortfallReservesWhatIsThereAndValidatingItLeavesABackorder() {
        int order = createOrder("PO-LAMPS", Map.of("product_id", LAMP, "product_uom_qty", 5));
        http.result("sale.order", "action_confirm", List.of(List.of(order)), Map.of());
        int picking = http.result("sale.order", "read", List.of(List.of(order)), Map.of("fields", List.of("picking_ids")))
                .get(0).get("picking_ids").get(0).asInt();
        assertThat(product(LAMP).get("free_qty").asDouble()).isZero();

        JsonNode wizardAction = http.result("stock.picking", "button_validate", List.of(List.of(picking)), Map.of());
        assertThat(wizardAction.get("res_model").asText()).isEqualTo("stock.backorder.confirmation");
        Map<String, Object> context = new java.util.LinkedHashMap<>(
                http.mapper().convertValue(wizardAction.get("context"), Map.class));
        context.put("skip_sms", true);
        int wizard = http.result("stock.backorder.confirmation", "create", List.of(Map.of()), Map.of("context", context)).asInt();
        assertThat(http.result("stock.backorder.confirmation", "process", List.of(List.of(wizard)),
                Map.of("context", context)).asBoolean()).isTrue();

        JsonNode backorders = http.result("stock.picking", "search_read", List.of(List.of(List.of("backorder_id", "=", picking))),
                Map.of("fields", List.of("state", "move_ids")));
        assertThat(backorders).hasSize(1);
        assertThat(backorders.get(0).get("state").asText()).isEqualTo("confirmed");
        JsonNode line = http.result("sale.order.line", "search_read", List.of(List.of(List.of("order_id", "=", order))),
                Map.of("fields", List.of("qty_delivered", "qty_to_invoice"))).get(0);
        assertThat(line.get("qty_delivered").asDouble()).isEqualTo(3.0);
        assertThat(product(LAMP).get("qty_available").asDouble()).isZero();
        assertThat(http.result("sale.order", "read", List.of(List.of(order)), Map.of("fields", List.of("delivery_status")))
                .get(0).get("delivery_status").asText()).isEqualTo("partial");
    }

    @Test
    void invoicingBeforeAnythingIsDeliveredIsRefusedLikeOdooDoes() {
        int order = createOrder("PO-EARLY", Map.of("product_id", CHAIR, "product_uom_qty", 2));
        http.result("sale.order", "action_confirm", List.of(List.of(order)), Map.of());
        Map<String, Object> context = Map.of("active_model", "sale.order", "active_ids", List.of(order));
        int wizard = http.result("sale.advance.payment.inv", "create",
                List.of(Map.of("advance_payment_method", "delivered", "sale_order_ids", List.of(List.of(6, 0, List.of(order))))),
                Map.of("context", context)).asInt();

        JsonNode response = http.executeKw("sale.advance.payment.inv", "create_invoices", List.of(List.of(wizard)),
                Map.of("context", context));

        assertThat(response.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.UserError");
        assertThat(response.at("/error/data/message").asText()).startsWith("There is no invoiceable line.");
    }

    @Test
    void aFullyDeliveredOrderIsInvoicedAndPostedWithASequenceNumber() {
        int order = createOrder("PO-INVOICE", Map.of("product_id", CHAIR, "product_uom_qty", 2));
        http.result("sale.order", "action_confirm", List.of(List.of(order)), Map.of());
        int picking = http.result("sale.order", "read", List.of(List.of(order)), Map.of("fields", List.of("picking_ids")))
                .get(0).get("picking_ids").get(0).asInt();
        assertThat(http.result("stock.picking", "button_validate", List.of(List.of(picking)), Map.of()).asBoolean()).isTrue();
        Map<String, Object> context = Map.of("active_model", "sale.order", "active_ids", List.of(order));
        int wizard = http.result("sale.advance.payment.inv", "create", List.of(Map.of("advance_payment_method", "delivered")),
                Map.of("context", context)).asInt();
        int invoice = http.result("sale.advance.payment.inv", "create_invoices", List.of(List.of(wizard)),
                Map.of("context", context)).get("res_id").asInt();

        assertThat(http.result("account.move", "action_post", List.of(List.of(invoice)), Map.of()).asBoolean()).isFalse();

        JsonNode posted = http.result("account.move", "read", List.of(List.of(invoice)),
                Map.of("fields", List.of("name", "state", "ref", "amount_untaxed", "amount_total"))).get(0);
        assertThat(posted.get("name").asText()).matches("INV/\\d{4}/00001");
        assertThat(posted.get("state").asText()).isEqualTo("posted");
        assertThat(posted.get("ref").asText()).isEqualTo("PO-INVOICE");
        assertThat(posted.get("amount_untaxed").asDouble()).isEqualTo(598.0);
        assertThat(posted.get("amount_total").asDouble()).isEqualTo(687.7);
    }

    @Test
    void aLostCreateAnswerStillCreatesTheOrderExactlyOnce() {
        faults.failNext("sale.order", "create", 1, Fault.LOSE_RESPONSE);

        var lost = http.post(SandboxHttp.ODOO, http.write(Map.of("jsonrpc", "2.0", "method", "call", "id", 7,
                "params", Map.of("service", "object", "method", "execute_kw", "args", List.of("sandbox", 2,
                        "sandbox-admin-key", "sale.order", "create", List.of(Map.of("partner_id", ACME,
                                "client_order_ref", "PO-LOST", "order_line",
                                List.of(List.of(0, 0, Map.of("product_id", CHAIR, "product_uom_qty", 1))))), Map.of())))));

        assertThat(lost.statusCode()).isEqualTo(502);
        assertThat(odoo.salesOrdersByClientRef("PO-LOST")).hasSize(1);
        assertThat(faults.callCount("sale.order", "create")).isEqualTo(1);
    }

    @Test
    void aServiceUnavailableFaultDoesNotPerformTheCall() {
        faults.failNext("sale.order", "*", 1, Fault.HTTP_503);

        var refused = http.post(SandboxHttp.ODOO, http.write(Map.of("jsonrpc", "2.0", "method", "call", "id", 8,
                "params", Map.of("service", "object", "method", "execute_kw", "args", List.of("sandbox", 2,
                        "sandbox-admin-key", "sale.order", "create", List.of(Map.of("partner_id", ACME,
                                "client_order_ref", "PO-503")), Map.of())))));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(odoo.salesOrdersByClientRef("PO-503")).isEmpty();
        createOrder("PO-503", Map.of("product_id", CHAIR, "product_uom_qty", 1));
        assertThat(odoo.salesOrdersByClientRef("PO-503")).hasSize(1);
    }

    @Test
    void aServerErrorFaultAnswersAnOperationalError() {
        faults.failNext("common", "authenticate", 1, Fault.SERVER_ERROR);

        JsonNode response = http.json(http.post(SandboxHttp.ODOO, http.write(Map.of("jsonrpc", "2.0", "method", "call",
                "id", 9, "params", Map.of("service", "common", "method", "authenticate",
                        "args", List.of("sandbox", "admin", "sandbox-admin-key", Map.of()))))));

        assertThat(response.at("/error/data/name").asText()).isEqualTo("psycopg2.OperationalError");
    }

    @Test
    void aUserErrorFaultRefusesTheCallAsOdooDoesWithoutPerformingIt() {
        faults.failNext("sale.order", "create", 1, Fault.USER_ERROR);

        JsonNode response = http.json(http.post(SandboxHttp.ODOO, http.write(Map.of("jsonrpc", "2.0", "method", "call",
                "id", 10, "params", Map.of("service", "object", "method", "execute_kw", "args", List.of("sandbox", 2,
                        "sandbox-admin-key", "sale.order", "create", List.of(Map.of("partner_id", ACME,
                                "client_order_ref", "PO-REFUSED")), Map.of()))))));

        assertThat(response.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.UserError");
        assertThat(response.at("/error/data/message").asText()).isEqualTo(SandboxFaults.REFUSAL);
        assertThat(odoo.salesOrdersByClientRef("PO-REFUSED")).isEmpty();
    }

    @Test
    void anInternalServerErrorFaultAnswers500WithoutPerformingTheCall() {
        faults.failNext("sale.order", "*", 1, Fault.HTTP_500);

        var failed = http.post(SandboxHttp.ODOO, http.write(Map.of("jsonrpc", "2.0", "method", "call", "id", 11,
                "params", Map.of("service", "object", "method", "execute_kw", "args", List.of("sandbox", 2,
                        "sandbox-admin-key", "sale.order", "create", List.of(Map.of("partner_id", ACME,
                                "client_order_ref", "PO-500")), Map.of())))));

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(odoo.salesOrdersByClientRef("PO-500")).isEmpty();
    }

    @SafeVarargs
    private int createOrder(String clientOrderRef, Map<String, Object>... lines) {
        return http.result("sale.order", "create", List.of(Map.of("partner_id", ACME, "client_order_ref", clientOrderRef,
                "order_line", java.util.Arrays.stream(lines).map(line -> List.of(0, 0, line)).toList())), Map.of()).asInt();
    }

    private JsonNode product(int id) {
        return http.result("product.product", "read", List.of(List.of(id)),
                Map.of("fields", List.of("qty_available", "free_qty", "virtual_available"))).get(0);
    }
}
