package dev.ordergate.notify;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox channel lists the status events it received as the JSON objects they are, for a newcomer to read. */
@IntegrationTest
class SandboxChannelEventsTest {

    private final ApiClient api = new ApiClient();

    @Test
    void theReceivedEventsAreListedAsObjectsWithTheirStatus() {
        String ref = uniqueRef();
        String id = api.submitOrder(sample(ref));
        api.awaitOrderStatus(id, "COMPLETED");

        JsonNode events = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> api.get("/sandbox/channel/events").body(), e -> statusesOf(e, ref).contains("completed"));

        assertThat(events.isArray()).isTrue();
        assertThat(statusesOf(events, ref)).containsSubsequence("accepted", "confirmed", "completed");
    }

    private static List<String> statusesOf(JsonNode events, String ref) {
        List<String> statuses = new ArrayList<>();
        events.forEach(e -> {
            if (e.isObject() && ref.equals(e.path("channelOrderRef").asText())) {
                statuses.add(e.path("status").asText());
            }
        });
        return statuses;
    }
}
