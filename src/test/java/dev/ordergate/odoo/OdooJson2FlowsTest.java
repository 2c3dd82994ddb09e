package dev.ordergate.odoo;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.ordergate.odoo.OdooFixtures.PARTNER_FIELDS;
import static dev.ordergate.odoo.OdooFixtures.PRODUCT_FIELDS;
import static dev.ordergate.odoo.OdooFixtures.line;
import static dev.ordergate.odoo.OdooFixtures.order;
import static dev.ordergate.odoo.OdooFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordergate.invoicing.InvoiceRef;
import dev.ordergate.invoicing.PaymentState;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooJson2;
import dev.ordergate.odoo.client.OdooProperties.Protocol;
import dev.ordergate.odoo.client.OdooProperties;
import dev.ordergate.odoo.client.OdooRpc;
import dev.ordergate.order.Order;
import dev.ordergate.sales.ReturnRef;
import dev.ordergate.sales.SalesOrderRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The adapters against a WireMock "Odoo 19" that asks for JSON-2 (transcript 116 answers the version probe):
 * the requests are the 19.0 transcripts' requests, named parameters, 19 field names and recipes included.
 */
class OdooJson2FlowsTest extends OdooTest {

    static final String KEY = "shop:EXT-0001";
    static final Order FIRST_ORDER = order("EXT-0001", "CUST-ACME",
            line("1", "E-COM07", "12", "299.00"), line("2", "E-COM08", "10", "15.80"));

    @Autowired
    OdooRpc rpc;
    @Autowired
    OdooJson2 json2;

    OdooClient odoo;
    OdooRecords records;
    OdooPickings pickings;

    @BeforeEach
    void odoo19() {
        stub(OdooExchange.recorded19(116));
        odoo = client(rpc, json2, Protocol.AUTO);
        records = new OdooRecords(odoo);
        pickings = new OdooPickings(odoo);
    }

    static OdooClient client(OdooRpc rpc, OdooJson2 json2, Protocol protocol) {
        return new OdooClient(rpc, json2, new OdooProperties(URI.create(ODOO.baseUrl()), Json2Exchange.DATABASE,
                "admin", Json2Exchange.ADMIN_KEY, Duration.ofSeconds(1), Duration.ofSeconds(2), 200, protocol, null, 4, 0,
                Duration.ofSeconds(5)), new SimpleMeterRegistry());
    }

    static Json2Exchange searchRead(String model, List<?> domain, List<String> fields, Object... found) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        body.put("fields", fields);
        return Json2Exchange.call(model, "search_read", body, List.of(found));
    }

    static Json2Exchange orderSearch(String key, List<String> fields, Object... found) {
        return searchRead("sale.order", List.of(List.of("client_order_ref", "=", key)), fields, found);
    }

    static Json2Exchange productSearch(List<String> skus, Object... found) {
        return searchRead("product.product", List.of(List.of("default_code", "in", skus)), PRODUCT_FIELDS, found);
    }

    static Map<String, Object> product(int id, String sku, String name) {
        return record("id", id, "default_code", sku, "name", name, "uom_id", List.of(1, "Units"), "type", "consu",
                "is_storable", true);
    }

    static void stub(Json2Exchange... exchanges) {
        for (Json2Exchange exchange : exchanges) {
            ODOO.stubFor(exchange.stub());
        }
    }

    static void verifyOnce(Json2Exchange... exchanges) {
        for (Json2Exchange exchange : exchanges) {
            ODOO.verify(exactly(1), exchange.requested());
        }
    }

    static void odooKnowsAcmeAndItsProducts() {
        Map<String, Object> partnerQuery = new LinkedHashMap<>();
        partnerQuery.put("domain", List.of(List.of("ref", "=", "CUST-ACME")));
        partnerQuery.put("fields", PARTNER_FIELDS);
        partnerQuery.put("limit", 2);
        stub(Json2Exchange.call("res.partner", "search_read", partnerQuery, List.of(record("id", 9,
                        "name", "Acme Corporation", "ref", "CUST-ACME", "country_code", "US",
                        "property_payment_term_id", List.of(4, "30 Days"), "property_product_pricelist", false))),
                productSearch(List.of("E-COM07", "E-COM08"), product(20, "E-COM07", "Large Cabinet"),
                        product(21, "E-COM08", "Storage Box")));
    }

    @Test
    void commitSavesAndConfirmsOverJson2() {
        Json2Exchange search = Json2Exchange.recorded(41).replacing("JAVA-EXT-0001", KEY);
        // Transcript 42's order as web_save (17+): the create answers the new order's name, no read follows.
        Map<String, Object> save = new LinkedHashMap<>();
        save.put("ids", List.of());
        save.put("vals", record("partner_id", 9, "client_order_ref", KEY, "order_line",
                List.of(List.of(0, 0, record("product_id", 20, "product_uom_qty", 12, "price_unit", 299)),
                        List.of(0, 0, record("product_id", 21, "product_uom_qty", 10, "price_unit", 15.8)))));
        save.put("specification", Map.of("name", Map.of()));
        Json2Exchange create = Json2Exchange.call("sale.order", "web_save", save,
                List.of(record("id", 25, "name", "S00025")));
        Json2Exchange confirm = Json2Exchange.recorded(45);
        odooKnowsAcmeAndItsProducts();
        stub(search, create, confirm);

        SalesOrderRef ref = new OdooSalesOrders(odoo, records, pickings).commit(FIRST_ORDER);

        assertThat(ref).isEqualTo(new SalesOrderRef("S00025"));
        verifyOnce(search, create, confirm);
    }

    @Test
    void aPartialShipmentAnswersTheBackorderAndSmsWizardsOverJson2() {
        Map<String, Object> readLines = new LinkedHashMap<>();
        readLines.put("ids", List.of(60, 61));
        readLines.put("fields", List.of("product_id", "qty_delivered"));
        stub(orderSearch(KEY, List.of("name", "state", "picking_ids", "order_line"),
                        record("id", 25, "name", "S00025", "state", "sale", "picking_ids", List.of(17),
                                "order_line", List.of(60, 61))),
                productSearch(List.of("E-COM07", "E-COM08"), product(20, "E-COM07", "Large Cabinet"),
                        product(21, "E-COM08", "Storage Box")),
                Json2Exchange.call("sale.order.line", "read", readLines, List.of(
                        record("id", 60, "product_id", List.of(20, "Large Cabinet"), "qty_delivered", 0.0),
                        record("id", 61, "product_id", List.of(21, "Storage Box"), "qty_delivered", 0.0))));
        List<Json2Exchange> walk = List.of(
                Json2Exchange.recorded(47).withFields("name", "state", "move_ids"),
                Json2Exchange.recorded(48).withFields("product_id", "product_uom_qty", "quantity", "picked", "state"),
                // Transcripts 49 and 50 wrote each move; one write on the picking updates both.
                Json2Exchange.call("stock.picking", "write", Map.of("ids", List.of(17), "vals", Map.of("move_ids", List.of(
                        List.of(1, 38, Map.of("quantity", 5, "picked", true)),
                        List.of(1, 39, Map.of("quantity", 10, "picked", true))))), true),
                Json2Exchange.recorded(51).withBody(body -> body.putObject("context").put("skip_sms", true)),
                Json2Exchange.recorded(52),
                Json2Exchange.recorded(54),
                Json2Exchange.recorded(56));
        walk.forEach(OdooJson2FlowsTest::stub);
        Map<String, BigDecimal> shipped = new LinkedHashMap<>();
        shipped.put("E-COM07", new BigDecimal("5"));
        shipped.put("E-COM08", new BigDecimal("10"));

        new OdooSalesOrders(odoo, records, pickings).recordDelivery(KEY, shipped);

        walk.forEach(OdooJson2FlowsTest::verifyOnce);
    }

    @Test
    void cancellingOnOdoo19CallsActionCancelWithoutAWizard() {
        String key = "shop:EXT-0002";
        stub(orderSearch(key, List.of("name", "state", "locked"),
                record("id", 26, "name", "S00026", "state", "sale", "locked", false)), Json2Exchange.recorded(87));

        Optional<SalesOrderRef> cancelled = new OdooSalesOrders(odoo, records, pickings).cancel(key);

        assertThat(cancelled).contains(new SalesOrderRef("S00026"));
        verifyOnce(Json2Exchange.recorded(87));
        ODOO.verify(exactly(0), postRequestedFor(urlPathMatching("/json/2/sale.order.cancel/.*")));
    }

    @Test
    void invoicingGoesThroughTheWizardAndPostsOverJson2() {
        List<Json2Exchange> walk = List.of(Json2Exchange.recorded(63), Json2Exchange.recorded(64),
                Json2Exchange.recorded(68), Json2Exchange.recorded(69).withFields("name", "state", "amount_total"));
        stub(orderSearch(KEY, List.of("name", "invoice_ids"), record("id", 25, "name", "S00025", "invoice_ids", List.of())));
        walk.forEach(OdooJson2FlowsTest::stub);

        InvoiceRef invoice = new OdooInvoices(odoo, records).invoiceDelivered(KEY);

        assertThat(invoice.number()).isEqualTo("INV/2026/00010");
        walk.forEach(OdooJson2FlowsTest::verifyOnce);
    }

    @Test
    void aReturnIsOpenedThroughTheReturnWizardTaggedAndReceived() {
        stub(orderSearch(KEY, List.of("name", "picking_ids"), record("id", 25, "name", "S00025", "picking_ids", List.of(17))),
                Json2Exchange.call("stock.picking", "read", Map.of("ids", List.of(17),
                        "fields", List.of("name", "state", "picking_type_code", "origin")), List.of(record("id", 17,
                        "name", "WH/OUT/00012", "state", "done", "picking_type_code", "outgoing", "origin", "S00025"))),
                searchRead("stock.picking", List.of(List.of("return_id", "in", List.of(17)), List.of("origin", "=", "RET-1")),
                        List.of("name")),
                searchRead("stock.picking", List.of(List.of("return_id", "in", List.of(17)),
                        List.of("origin", "=like", "Return of %"), List.of("state", "!=", "cancel")), List.of("name")),
                productSearch(List.of("E-COM07"), product(20, "E-COM07", "Large Cabinet")),
                Json2Exchange.call("stock.picking", "write", Map.of("ids", List.of(19), "vals", Map.of("origin", "RET-1")), true),
                Json2Exchange.call("stock.picking", "read", Map.of("ids", List.of(19), "fields", List.of("name")),
                        List.of(record("id", 19, "name", "WH/IN/00006"))),
                searchRead("stock.picking", List.of(List.of("return_id", "in", List.of(17)), List.of("origin", "=", "RET-1")),
                        List.of("name", "state", "move_ids"),
                        record("id", 19, "name", "WH/IN/00006", "state", "assigned", "move_ids", List.of(41))));
        List<Json2Exchange> walk = List.of(Json2Exchange.recorded(75),
                Json2Exchange.recorded(76).withFields("product_return_moves"),
                Json2Exchange.recorded(77).withFields("product_id", "quantity", "move_quantity"),
                Json2Exchange.recorded(78), Json2Exchange.recorded(79),
                Json2Exchange.recorded(81).withFields("product_uom_qty", "state"), Json2Exchange.recorded(82),
                Json2Exchange.recorded(83).withBody(body -> body.putObject("context").put("skip_sms", true)));
        walk.forEach(OdooJson2FlowsTest::stub);
        OdooReturns returns = new OdooReturns(odoo, records, pickings);

        ReturnRef opened = returns.open(KEY, "RET-1", Map.of("E-COM07", new BigDecimal("2")));
        returns.receive(KEY, "RET-1");

        assertThat(opened).isEqualTo(new ReturnRef("RET-1", List.of("WH/IN/00006")));
        walk.forEach(OdooJson2FlowsTest::verifyOnce);
    }

    @Test
    void thePaymentStateIsReadFromThePostedInvoice() {
        List<String> moveFields = List.of("name", "state", "move_type", "amount_total", "payment_state", "journal_id");
        Json2Exchange paid = Json2Exchange.recorded(74);
        ObjectNode invoice = ((ObjectNode) paid.response().get(0).deepCopy()).put("move_type", "out_invoice");
        stub(orderSearch(KEY, List.of("name", "invoice_ids"), record("id", 25, "name", "S00025", "invoice_ids", List.of(57))),
                paid.withFields(moveFields.toArray(String[]::new)).answering(List.of(invoice)));

        assertThat(new OdooCreditNotes(odoo, records).paymentState(KEY)).isEqualTo(PaymentState.PAID);
    }

    /**
     * No transcript records the reversal wizard; these exchanges follow Odoo 17+'s account.move.reversal, with the
     * invoice's journal that real Odoo 18 and 19 require when the wizard is created through the API.
     */
    @Test
    void aCreditNoteReversesThePostedInvoiceOnceThroughTheReversalWizard() {
        List<String> moveFields = List.of("name", "state", "move_type", "amount_total", "payment_state", "journal_id");
        Map<String, Object> context = record("active_model", "account.move", "active_ids", List.of(57), "active_id", 57);
        Json2Exchange wizard = Json2Exchange.call("account.move.reversal", "create", Map.of("vals_list",
                List.of(record("move_ids", List.of(List.of(6, 0, List.of(57))), "reason", "Returned goods", "journal_id", 1)),
                "context", context), List.of(3));
        Json2Exchange refund = Json2Exchange.call("account.move.reversal", "refund_moves",
                Map.of("ids", List.of(3), "context", context),
                record("type", "ir.actions.act_window", "res_model", "account.move", "res_id", 58));
        Json2Exchange post = Json2Exchange.call("account.move", "action_post", Map.of("ids", List.of(58)), false);
        Map<String, Object> creditNote = record("id", 58, "name", "RINV/2026/00001", "state", "posted",
                "move_type", "out_refund", "amount_total", 1882.78, "payment_state", "not_paid");
        Map<String, Object> invoice = record("id", 57, "name", "INV/2026/00010", "state", "posted",
                "move_type", "out_invoice", "amount_total", 1882.78, "payment_state", "paid",
                "journal_id", List.of(1, "Customer Invoices"));
        stub(orderSearch(KEY, List.of("name", "invoice_ids"), record("id", 25, "name", "S00025", "invoice_ids", List.of(57))),
                Json2Exchange.call("account.move", "read", Map.of("ids", List.of(57), "fields", moveFields), List.of(invoice)),
                wizard, refund, post,
                Json2Exchange.call("account.move", "read", Map.of("ids", List.of(58), "fields", moveFields), List.of(creditNote)));
        OdooCreditNotes creditNotes = new OdooCreditNotes(odoo, records);

        InvoiceRef credited = creditNotes.creditInvoice(KEY, "Returned goods");
        // Odoo now lists the credit note on the order; asking again answers it.
        stub(orderSearch(KEY, List.of("name", "invoice_ids"), record("id", 25, "name", "S00025", "invoice_ids", List.of(57, 58))),
                Json2Exchange.call("account.move", "read", Map.of("ids", List.of(57, 58), "fields", moveFields),
                        List.of(invoice, creditNote)));
        InvoiceRef again = creditNotes.creditInvoice(KEY, "Returned goods");

        assertThat(credited).isEqualTo(new InvoiceRef("RINV/2026/00001", new BigDecimal("1882.78")));
        assertThat(again).isEqualTo(credited);
        verifyOnce(wizard, refund, post);
    }
}
