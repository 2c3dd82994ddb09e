package dev.ordergate.fulfillment;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Goods reported leaving for an order they do not fit (finished, or more than it expects) are refused with nothing
 * stored, by Ordergate and by the sandbox WMS alike, instead of waiting silently as PENDING.
 */
@IntegrationTest
class ShipmentsThatDoNotFitTheOrderTest {

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxFaults faults;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restore() {
        faults.reset();
    }

    @Test
    void aNewShipmentForACompletedOrderIsRefusedButTheWarehousesResendOfTheLastOneIsStillADuplicate() {
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(sample(ref));
        api.awaitOrderStatus(id, "COMPLETED");
        String taken = jdbc.sql("SELECT shipment_id FROM app.shipments WHERE business_key = :key").param("key", key)
                .query(String.class).list().get(0);
        long stored = shipments(key);

        var late = api.post("/api/v1/shipments", """
                {"shipmentId": "%s/late", "businessKey": "%s", "lines": [{"sku": "FURN_0269", "quantity": 1}]}
                """.formatted(key, key));
        var resent = api.post("/api/v1/shipments", """
                {"shipmentId": "%s", "businessKey": "%s", "lines": [{"sku": "FURN_0269", "quantity": 12}]}
                """.formatted(taken, key));
        var sandboxWms = api.post("/sandbox/wms/v1/releases/" + key + "/shipments", """
                {"lines": [{"sku": "FURN_0269", "quantity": 1}]}
                """);

        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.body().path("detail").asText()).contains("COMPLETED");
        assertThat(resent.status()).as(resent.raw()).isEqualTo(200);
        assertThat(resent.body().path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(sandboxWms.status()).as("the sandbox WMS ships nothing more of the release").isEqualTo(409);
        assertThat(shipments(key)).as("nothing stored").isEqualTo(stored);
    }

    @Test
    void moreThanTheOrderExpectsIsRefusedNamingTheLine() {
        faults.pauseShipments();
        String ref = uniqueRef();
        String key = "b2b-portal:" + ref;
        String id = api.submitOrder(sample(ref));
        api.awaitOrderStatus(id, "RELEASED");

        var tooMuch = api.post("/api/v1/shipments", """
                {"shipmentId": "%s/too-much", "businessKey": "%s",
                 "lines": [{"sku": "E-COM07", "quantity": 5}, {"sku": "FURN_0269", "quantity": 13}]}
                """.formatted(key, key));
        var sandboxWms = api.post("/sandbox/wms/v1/releases/" + key + "/shipments", """
                {"lines": [{"sku": "FURN_0269", "quantity": 13}]}
                """);

        assertThat(tooMuch.status()).as(tooMuch.raw()).isEqualTo(422);
        assertThat(tooMuch.body().path("errors").findValuesAsText("field")).containsExactly("lines[1].quantity");
        assertThat(sandboxWms.status()).as(sandboxWms.raw()).isEqualTo(409);
        assertThat(shipments(key)).isZero();
    }

    private long shipments(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM app.shipments WHERE business_key = :key").param("key", key)
                .query(Long.class).single();
    }
}
