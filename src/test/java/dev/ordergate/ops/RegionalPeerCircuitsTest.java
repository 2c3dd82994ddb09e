package dev.ordergate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Client;
import feign.Request;
import feign.RequestTemplate;
import feign.Response;
import feign.Target;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A region's own peer (a WMS, tax service or pricing engine at the region's URL) has a circuit of its own: the EU WMS
 * failing opens the EU's circuit, and the US calls, to the client's own URL, still go out. Plain JUnit: the
 * capability is driven with Feign's own request objects and a transport that fails for one host.
 */
class RegionalPeerCircuitsTest {

    private static final String SHARED = "http://127.0.0.1:18081/wms";
    private static final String EU = "http://127.0.0.1:18082/wms";

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(Map.of("wms", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50).build()));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PeerCalls calls = new PeerCalls(breakers, BulkheadRegistry.ofDefaults(), meters);
    /** The EU's WMS answers 500; the shared one 200. */
    private final Client failingInTheEu = (request, options) -> {
        return Response.builder().request(request).status(request.url().startsWith(EU) ? 500 : 200)
                .headers(Map.of()).body(new byte[0]).build();
    };
    private final Client transport = calls.enrich(failingInTheEu);

    @Test
    void aRegionsFailingPeerOpensItsOwnCircuitAndNotTheSharedOnes() throws Exception {
        // The regional instance takes the client's configuration (window 4 here, not the default 100).
        breakers.circuitBreaker("wms", "wms");
        for (int i = 0; i < 4; i++) {
            transport.execute(request(EU + "/v1/releases"), new Request.Options());
        }

        CircuitBreaker eu = breakers.circuitBreaker("wms@127.0.0.1:18082");
        assertThat(eu.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> transport.execute(request(EU + "/v1/releases"), new Request.Options()))
                .isInstanceOf(PeerUnavailableException.class).hasMessageContaining("peer 'wms@127.0.0.1:18082'");
        assertThat(Peers.named("Circuit breaker of peer 'wms@127.0.0.1:18082' is OPEN")).isEqualTo("wms");

        assertThat(transport.execute(request(SHARED + "/v1/releases"), new Request.Options()).status()).isEqualTo(200);
        assertThat(breakers.circuitBreaker("wms").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(meters.get(PeerCalls.METRIC).tag("peer", "wms@127.0.0.1:18082").tag("outcome", "circuit_open")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void aCallToTheClientsOwnUrlIsTheClientsPeer() {
        assertThat(PeerCalls.instanceOf(request(SHARED + "/v1/stock"))).isEqualTo("wms");
        assertThat(PeerCalls.instanceOf(request(EU + "/v1/stock"))).isEqualTo("wms@127.0.0.1:18082");
    }

    private static Request request(String url) {
        RequestTemplate template = new RequestTemplate();
        template.feignTarget(new Target.HardCodedTarget<>(Object.class, "wms", SHARED));
        return Request.create(Request.HttpMethod.POST, url, Map.of(), new byte[0], StandardCharsets.UTF_8, template);
    }
}
