package dev.ordergate.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.order.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A URL the firewall refuses ({@code /engine-rest;x/task}, an encoded slash ...) answers 400 problem+json in both
 * modes. Without it the refusal surfaced as a 500 with a stack trace logged at ERROR for every such probe.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private final ObjectMapper json;

    RejectedRequests(ObjectMapper json) {
        this.json = json;
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
}
