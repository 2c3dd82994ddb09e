package dev.ordergate.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.web.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A URL Spring Security's firewall refuses ({@code /engine-rest;x/task}, an encoded slash ...) answers 400
 * problem+json in both modes. The same firewall, run once more just before Spring Security's filters: Spring MVC's
 * request-path parsing in front of the security chain threw on {@code /engine-rest;x/...} (a path parameter inside a
 * servlet's mapping), which surfaced as a 500 with a stack trace logged at ERROR for every such probe.
 */
@Component
class RejectedRequests extends OncePerRequestFilter implements RequestRejectedHandler, Ordered {

    private final HttpFirewall firewall = new StrictHttpFirewall();
    private final ObjectMapper json;

    RejectedRequests(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException rejected) {
            handle(request, response, rejected);
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        // The reason names the offending part (a semicolon, an encoded character); the URL itself is not echoed.
        ResponseEntity<Object> problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "request-rejected",
                "Request rejected", rejected.getMessage(), Map.of());
        response.setStatus(problem.getStatusCode().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem.getBody());
    }

    @Override
    public int getOrder() {
        return SecurityProperties.DEFAULT_FILTER_ORDER - 1;
    }
}
