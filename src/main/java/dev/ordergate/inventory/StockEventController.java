package dev.ordergate.inventory;

import dev.ordergate.web.ApiProblems;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WMS's stock events: 202 when taken (applied, or stale because a newer one is already in), 200 for a repeat
 * of an event id, 409 for an event id repeated with other facts, 422 naming each missing or invalid field.
 */
@RestController
class StockEventController {

    record EventRequest(String eventId, String sku, String warehouse, BigDecimal onHand, BigDecimal reserved,
                        OffsetDateTime occurredAt) {
    }

    private static final BigDecimal MAX_QUANTITY = BigDecimal.TEN.pow(14);

    private final StockLevels levels;

    StockEventController(StockLevels levels) {
        this.levels = levels;
    }

    @PostMapping("/api/v1/inventory/events")
    ResponseEntity<Object> receive(@RequestBody EventRequest request) {
        List<Map<String, String>> errors = validate(request);
        if (!errors.isEmpty()) {
            return ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-stock-event", "The stock event is invalid",
                    String.join("; ", errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList()),
                    Map.of("errors", errors));
        }
        StockEvent event = new StockEvent(request.eventId().trim(), request.sku().trim(), request.warehouse().trim(),
                request.onHand(), request.reserved() == null ? BigDecimal.ZERO : request.reserved(), request.occurredAt());
        StockLevels.Outcome outcome = recordOnce(event);
        if (outcome == StockLevels.Outcome.CONFLICT) {
            return ApiProblems.problem(HttpStatus.CONFLICT, "stock-event-conflict", "Stock event id already used",
                    "Event " + event.eventId() + " was received before with other figures; nothing changed",
                    Map.of("eventId", event.eventId()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.eventId());
        body.put("outcome", outcome.name());
        return ResponseEntity.status(outcome == StockLevels.Outcome.DUPLICATE ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(body);
    }

    /** A concurrent twin of this event (or of this product's first level) loses on a key; asking again sorts it out. */
    private StockLevels.Outcome recordOnce(StockEvent event) {
        try {
            return levels.record(event);
        } catch (DuplicateKeyException raced) {
            return levels.record(event);
        }
    }

    private static List<Map<String, String>> validate(EventRequest r) {
        List<Map<String, String>> errors = new ArrayList<>();
        blank(errors, "eventId", r.eventId(), 128);
        blank(errors, "sku", r.sku(), 128);
        blank(errors, "warehouse", r.warehouse(), 64);
        if (r.onHand() == null) {
            errors.add(error("onHand", "must not be null"));
        } else {
            quantity(errors, "onHand", r.onHand());
        }
        if (r.reserved() != null) {
            quantity(errors, "reserved", r.reserved());
        }
        if (r.occurredAt() == null) {
            errors.add(error("occurredAt", "must not be null"));
        }
        return errors;
    }

    /** What app.stock_levels holds: DECIMAL(18, 4), never negative. */
    private static void quantity(List<Map<String, String>> errors, String field, BigDecimal value) {
        if (value.signum() < 0) {
            errors.add(error(field, "must be zero or more"));
        } else if (value.stripTrailingZeros().scale() > 4 || value.compareTo(MAX_QUANTITY) >= 0) {
            errors.add(error(field, "must be below 10^14 with at most 4 decimals"));
        }
    }

    private static void blank(List<Map<String, String>> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(error(field, "must not be blank"));
        } else if (value.trim().length() > max) {
            errors.add(error(field, "must be at most " + max + " characters"));
        }
    }

    private static Map<String, String> error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
