package dev.ordergate.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class RateLimitsTest {

    private final RateLimits limits = new RateLimits(new RateLimitProperties(true, 100, List.of(
            new RateLimitProperties.PathGroup("intake", List.of("/api/v1/orders"), List.of("POST"), 2, Duration.ofHours(1)),
            new RateLimitProperties.PathGroup("reads", List.of("/api/v1/orders/**"), List.of("GET"), 1, Duration.ofHours(1)))),
            new ObjectMapper());

    @AfterEach
    void forgetTheCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aClientOverItsGroupsLimitIsRefused429WithRetryAfterAndNothingReachesTheEndpoint() throws Exception {
        as("b2b-portal");
        assertThat(send("POST", "/api/v1/orders").getStatus()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/orders").getStatus()).isEqualTo(200);

        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse refused = new MockHttpServletResponse();
        limits.doFilter(request("POST", "/api/v1/orders"), refused, chain);

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.getContentAsString()).contains("urn:ordergate:problem:rate-limited").contains("\"group\":\"intake\"");
        assertThat(chain.getRequest()).as("the endpoint never saw the request").isNull();
    }

    @Test
    void eachClientAndEachGroupHasItsOwnBucket() throws Exception {
        as("b2b-portal");
        assertThat(send("GET", "/api/v1/orders/1").getStatus()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/orders/2").getStatus()).isEqualTo(429);
        assertThat(send("POST", "/api/v1/orders").getStatus()).as("another group").isEqualTo(200);

        as("edi-gateway");
        assertThat(send("GET", "/api/v1/orders/1").getStatus()).as("another client").isEqualTo(200);
    }

    @Test
    void callersWithoutATokenAreCountedByAddressAndUngroupedPathsAreNotLimited() throws Exception {
        assertThat(send("GET", "/api/v1/orders/1").getStatus()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/orders/1").getStatus()).isEqualTo(429);
        for (int i = 0; i < 5; i++) {
            assertThat(send("GET", "/api/v1/ops/incidents").getStatus()).isEqualTo(200);
        }
    }

    private void as(String client) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").claim("azp", client)
                .subject("service-account-" + client).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
    }

    private MockHttpServletResponse send(String method, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        limits.doFilter(request(method, path), response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr("127.0.0.9");
        return request;
    }
}
