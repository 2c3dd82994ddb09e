package dev.ordergate.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The WMS's stock events over real HTTP into the read model, and the wms availability adapter reading it. */
@IntegrationTest
class StockEventsTest {

    private final ApiClient api = new ApiClient();
    private final String sku = "EVT-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    StockLevels levels;
    @Autowired
    Availability availability;

    @Test
    void withoutConfigurationOdooStaysTheAvailabilityAuthority() {
        assertThat(availability.getClass().getSimpleName()).startsWith("OdooAvailability");
    }

    @Test
    void anEventSetsTheProductsLevelInTheReadModel() {
        var answer = api.post("/api/v1/inventory/events", event("e1-" + sku, "WH", "40", "5", "2026-11-27T10:00:00Z"));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        assertThat(answer.body().path("outcome").asText()).isEqualTo("APPLIED");
        assertLevel("WH", "40", "5");
    }

    @Test
    void aRepeatedEventChangesNothingAndTheSameIdWithOtherFiguresIsRefused() {
        String id = "e1-" + sku;
        api.post("/api/v1/inventory/events", event(id, "WH", "40", "5", "2026-11-27T10:00:00Z"));
        api.post("/api/v1/inventory/events", event("e2-" + sku, "WH", "38", "5", "2026-11-27T10:05:00Z"));

        var repeated = api.post("/api/v1/inventory/events", event(id, "WH", "40", "5", "2026-11-27T10:00:00Z"));
        var conflicting = api.post("/api/v1/inventory/events", event(id, "WH", "99", "0", "2026-11-27T11:00:00Z"));

        assertThat(repeated.status()).as(repeated.raw()).isEqualTo(200);
        assertThat(repeated.body().path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(conflicting.status()).as(conflicting.raw()).isEqualTo(409);
        assertThat(conflicting.contentType()).startsWith("application/problem+json");
        assertLevel("WH", "38", "5");
    }

    @Test
    void anOlderEventArrivingAfterANewerOneIsKeptButChangesNothing() {
        api.post("/api/v1/inventory/events", event("late-" + sku, "WH", "30", "0", "2026-11-27T12:00:00Z"));

        var older = api.post("/api/v1/inventory/events", event("early-" + sku, "WH", "45", "0", "2026-11-27T09:00:00Z"));

        assertThat(older.status()).as(older.raw()).isEqualTo(202);
        assertThat(older.body().path("outcome").asText()).isEqualTo("STALE");
        assertThat(levels.findEvent("early-" + sku)).isPresent();
        assertLevel("WH", "30", "0");
    }

    @Test
    void anInvalidEventNamesEachFieldAndWritesNothing() {
        var answer = api.post("/api/v1/inventory/events", """
                { "eventId": "bad-%s", "sku": " ", "warehouse": "WH", "onHand": -1, "reserved": 0 }
                """.formatted(sku));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("sku", "onHand", "occurredAt");
        assertThat(levels.findEvent("bad-" + sku)).isEmpty();
    }

    @Test
    void aQuantityTheReadModelCannotHoldIsRefused() {
        var answer = api.post("/api/v1/inventory/events", event("big-" + sku, "WH", "1e20", "0.00001", "2026-11-27T10:00:00Z"));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(422);
        assertThat(answer.body().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("onHand", "reserved");
        assertThat(levels.findEvent("big-" + sku)).isEmpty();
    }

    @Test
    void anUnknownFieldIsAProblemToo() {
        var answer = api.post("/api/v1/inventory/events", """
                { "eventId": "x-%s", "sku": "%s", "warehouse": "WH", "onHand": 1, "occurredAt": "2026-11-27T09:00:00Z", "colour": "red" }
                """.formatted(sku, sku));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(levels.findEvent("x-" + sku)).isEmpty();
    }

    @Test
    void theWmsAvailabilityAnswersFreeQuantityOverAllWarehousesFromTheReadModel() {
        api.post("/api/v1/inventory/events", event("a-" + sku, "WH", "40", "5", "2026-11-27T10:00:00Z"));
        api.post("/api/v1/inventory/events", event("b-" + sku, "CHI", "10", "0", "2026-11-27T10:00:00Z"));
        String unknown = "NONE-" + sku;

        Map<String, BigDecimal> free = new ReadModelAvailability(levels).freeQuantities(List.of(sku, unknown));

        assertThat(free.get(sku)).isEqualByComparingTo("45");
        assertThat(free.get(unknown)).isEqualByComparingTo("0");
    }

    private void assertLevel(String warehouse, String onHand, String reserved) {
        StockCount level = levels.find(new StockCount.Key(sku, warehouse)).orElseThrow();
        assertThat(level.onHand()).isEqualByComparingTo(onHand);
        assertThat(level.reserved()).isEqualByComparingTo(reserved);
    }

    private String event(String id, String warehouse, String onHand, String reserved, String occurredAt) {
        return """
                { "eventId": "%s", "sku": "%s", "warehouse": "%s", "onHand": %s, "reserved": %s, "occurredAt": "%s" }
                """.formatted(id, sku, warehouse, onHand, reserved, occurredAt);
    }
}
