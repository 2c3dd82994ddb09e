package dev.ordergate.ops;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' API under {@code /api/v1/ops} (one prefix, so one role can guard it): incidents with the order and
 * the peer's error, their replay one at a time or by peer / activity / time window, and an order's story.
 */
@RestController
@RequestMapping("/api/v1/ops")
class OpsController {

    /** A bulk retry; at least one criterion, so an empty body cannot replay every incident by accident. */
    record RetryRequest(String peer, String activityId, OffsetDateTime from, OffsetDateTime to, Integer retries) {
    }

    record Retried(int retried, List<Incidents.View> incidents) {
    }

    private final Incidents incidents;
    private final OrderStories stories;

    OpsController(Incidents incidents, OrderStories stories) {
        this.incidents = incidents;
        this.stories = stories;
    }

    @GetMapping("/incidents")
    List<Incidents.View> incidents(@RequestParam(required = false) String peer,
                                   @RequestParam(required = false) String activityId,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
        return incidents.list(new Incidents.Filter(peer, activityId, from, to));
    }

    @PostMapping("/incidents/{id}/retry")
    ResponseEntity<Retried> retry(@PathVariable String id,
                                  @RequestParam(defaultValue = "1") int retries) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Retried(1, List.of(incidents.retry(id, retries(retries)))));
    }

    @PostMapping("/incidents/retry")
    ResponseEntity<Retried> retryAll(@RequestBody RetryRequest request) {
        var filter = new Incidents.Filter(request.peer(), request.activityId(), request.from(), request.to());
        if (filter.isEmpty()) {
            throw new InvalidRetryException("Name at least one of peer, activityId, from, to");
        }
        var retried = incidents.retryAll(filter, retries(request.retries() == null ? 1 : request.retries()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Retried(retried.size(), retried));
    }

    @GetMapping("/orders/{idOrBusinessKey}/story")
    OrderStories.Story story(@PathVariable String idOrBusinessKey) {
        return stories.of(idOrBusinessKey);
    }

    private static int retries(int retries) {
        if (retries < 1 || retries > 10) {
            throw new InvalidRetryException("retries must be between 1 and 10, was " + retries);
        }
        return retries;
    }

    static class InvalidRetryException extends RuntimeException {
        InvalidRetryException(String message) {
            super(message);
        }
    }
}
