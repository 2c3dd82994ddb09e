package dev.ordergate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The probes as Kubernetes calls them on the running application. */
@IntegrationTest
class HealthProbesTest {

    private final ApiClient api = new ApiClient();

    @Test
    void readinessIncludesTheDatabase() {
        var readiness = api.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().path("components").path("db").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void livenessDependsOnNeitherTheDatabaseNorAnyPeer() {
        var liveness = api.get("/actuator/health/liveness");

        assertThat(liveness.status()).as(liveness.raw()).isEqualTo(200);
        // A group of one contributor answers with that contributor alone: livenessState, nothing else.
        assertThat(liveness.body().path("components").isMissingNode()).as(liveness.raw()).isTrue();
        assertThat(liveness.raw()).doesNotContain("db", "odoo", "credit");
    }

    @Test
    void healthListsNoServiceDiscoveryThatIsNotUsed() {
        var health = api.get("/actuator/health");

        // Spring Cloud's discovery composite answered UNKNOWN on every node: there is no discovery, peers are URLs.
        assertThat(health.body().path("components").has("db")).as(health.raw()).isTrue();
        assertThat(health.body().path("components").has("discoveryComposite")).as(health.raw()).isFalse();
    }
}
