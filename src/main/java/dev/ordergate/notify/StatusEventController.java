package dev.ordergate.notify;

import dev.ordergate.web.ApiProblems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of the channels' status events: what is parked, and sending one again. */
@RestController
@RequestMapping("/api/v1/ops/status-events")
class StatusEventController {

    private static final List<String> STATES = List.of("PENDING", "DELIVERED", "PARKED", "NO_WEBHOOK");

    private final StatusEvents events;

    StatusEventController(StatusEvents events) {
        this.events = events;
    }

    @GetMapping
    ResponseEntity<Object> list(@RequestParam(required = false) String state,
                                @RequestParam(defaultValue = "100") int limit) {
        if (state != null && !STATES.contains(state)) {
            return ApiProblems.invalidParameter("state", "must be one of " + STATES);
        }
        return ResponseEntity.ok(events.list(state, Math.max(1, Math.min(limit, 1000))));
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<Object> replay(@PathVariable String id) {
        if (!events.replay(id)) {
            return ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No status event " + id, Map.of());
        }
        return ResponseEntity.accepted().body(Map.of("id", id, "state", "PENDING"));
    }
}
