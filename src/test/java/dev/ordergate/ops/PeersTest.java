package dev.ordergate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.RequestTemplate;
import feign.RetryableException;
import feign.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which peer failed is read from the failure itself, so a step drawn against the tax service can blame Odoo. */
class PeersTest {

    @Test
    void aFailedCallOfEitherOdooClientNamesOdooThroughTheAdaptersWrapping() {
        RetryableException timeout = new RetryableException(-1, "Read timed out", Request.HttpMethod.POST,
                new IOException("Read timed out"), (Long) null, request("odoo-json2"));
        RuntimeException adapters = new IllegalStateException("account.tax.search_read: Read timed out", timeout);

        assertThat(Peers.failedIn(adapters)).isEqualTo("odoo");
        assertThat(Peers.failedIn(new IllegalStateException("no call at all"))).isNull();
    }

    @Test
    void aPeerThatCouldNotBeReachedIsNamedByTheCallThatWasNotServed() {
        var unavailable = new PeerUnavailableException("wms", "Peer 'wms' answered HTTP 503: it is unavailable",
                Duration.ofSeconds(2), null);

        assertThat(Peers.failedIn(new IllegalStateException("release", unavailable))).isEqualTo("wms");
        assertThat(WaitForPeers.unavailable(new IllegalStateException("release", unavailable))).containsSame(unavailable);
    }

    @Test
    void aPeerRefusingOurCredentialsIsAwaitedLikeAnOutageAndAMissingRightIsNot() {
        var keyRefused = new AwaitedFailure(Duration.ofSeconds(30));
        var rightMissing = new AwaitedFailure(null);

        assertThat(WaitForPeers.unavailable(new IllegalStateException("commit", keyRefused))).containsSame(keyRefused);
        assertThat(WaitForPeers.unavailable(new IllegalStateException("commit", rightMissing))).isEmpty();
    }

    private static final class AwaitedFailure extends RuntimeException implements dev.ordergate.order.PeerAwaited {
        private final Duration waitFor;

        AwaitedFailure(Duration waitFor) {
            super("Odoo refused the API key (HTTP 401)");
            this.waitFor = waitFor;
        }

        @Override
        public String peer() {
            return "odoo";
        }

        @Override
        public Duration waitFor() {
            return waitFor;
        }
    }

    @Test
    void anErrorMessageNamingAPeerNamesIt() {
        assertThat(Peers.named("Circuit breaker of peer 'odoo-json2' is OPEN: the call was not sent")).isEqualTo("odoo");
        assertThat(Peers.named("Peer 'tax' failed: HTTP 500")).isEqualTo("tax");
        assertThat(Peers.named("res.partner.search_read: could not serialize access")).isEmpty();
        assertThat(Peers.named(null)).isEmpty();
    }

    private static Request request(String client) {
        RequestTemplate template = new RequestTemplate();
        template.feignTarget(new Target.HardCodedTarget<>(Object.class, client, "http://127.0.0.1"));
        return Request.create(Request.HttpMethod.POST, "http://127.0.0.1/json/2/account.tax/search_read", Map.of(),
                new byte[0], StandardCharsets.UTF_8, template);
    }
}
