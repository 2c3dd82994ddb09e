package dev.ordergate.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.web.ApiProblems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits per client and path group (Bucket4j token buckets in this node's memory, so a cluster of n nodes allows
 * up to n times the limit). Runs after Spring Security, so a token's client and subject ({@code azp}, {@code sub}) are
 * the key; a caller without a token is keyed by its address. Over the limit: 429 problem+json with Retry-After, nothing
 * done.
 */
class RateLimits extends OncePerRequestFilter {

    private record Group(RateLimitProperties.PathGroup settings, RequestMatcher matcher) {
    }

    private final RateLimitProperties settings;
    private final List<Group> groups;
    private final ObjectMapper json;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(RateLimitProperties settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.groups = settings.groups().stream().map(group -> new Group(group, matcher(group))).toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Group> group = groups.stream().filter(g -> g.matcher().matches(request)).findFirst();
        if (group.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        RateLimitProperties.PathGroup limit = group.get().settings();
        ConsumptionProbe probe = bucket(limit.name() + "|" + client(request), limit).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests", "More than " + limit.requests() + " requests per " + limit.per()
                        + " to the " + limit.name() + " endpoints; retry after " + retryAfter + " s",
                Map.of("group", limit.name(), "retryAfterSeconds", retryAfter)).getBody());
    }

    /** The caller as the limits count it: a token's client, a webapp user, else the remote address. */
    static String client(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof JwtAuthenticationToken token) {
            String azp = token.getToken().getClaimAsString("azp");
            // A channel's service account and a person are their own subjects; azp names the client they came from.
            return "client:" + azp + "/" + token.getToken().getSubject();
        }
        if (caller != null && caller.isAuthenticated() && !"anonymousUser".equals(caller.getName())) {
            return "user:" + caller.getName();
        }
        return "address:" + request.getRemoteAddr();
    }

    private Bucket bucket(String key, RateLimitProperties.PathGroup limit) {
        if (buckets.size() >= settings.maxClients() && !buckets.containsKey(key)) {
            // A full bucket is the same as a new one, so dropping it forgets nothing.
            buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= limitOf(e.getKey()));
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per())).build());
    }

    private long limitOf(String key) {
        String name = key.substring(0, key.indexOf('|'));
        return groups.stream().filter(g -> g.settings().name().equals(name)).mapToLong(g -> g.settings().requests())
                .findFirst().orElse(0);
    }

    private static RequestMatcher matcher(RateLimitProperties.PathGroup group) {
        List<RequestMatcher> matchers = group.paths().stream().<RequestMatcher>flatMap(pattern -> group.methods().isEmpty()
                ? java.util.stream.Stream.of(PathPatternRequestMatcher.withDefaults().matcher(pattern))
                : group.methods().stream().map(method -> PathPatternRequestMatcher.withDefaults()
                        .matcher(HttpMethod.valueOf(method), pattern))).toList();
        return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
    }
}
