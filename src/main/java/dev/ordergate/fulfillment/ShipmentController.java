package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderLine;
import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.order.Orders;
import dev.ordergate.web.ApiProblems;
import dev.ordergate.web.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The warehouse's door: shipment confirmations and problem reports, correlated to the order's process by business
 * key, and stock replenishments, which wake the backorders waiting for stock.
 */
@RestController
@RequestMapping("/api/v1/shipments")
class ShipmentController {

    private final Shipments shipments;
    private final Orders orders;
    private final ShippingLedger ledger;

    ShipmentController(Shipments shipments, Orders orders, ShippingLedger ledger) {
        this.shipments = shipments;
        this.orders = orders;
        this.ledger = ledger;
    }

    @ExceptionHandler(Shipments.OrderFinished.class)
    ResponseEntity<Object> finished(Shipments.OrderFinished refused) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "order-finished", "Order finished", refused.getMessage(), Map.of());
    }

    record ShipmentConfirmation(
            @NotBlank @Size(max = 128) String shipmentId,
            @NotBlank @Size(max = 200) String businessKey,
            @NotEmpty List<@NotNull @Valid Line> lines,
            boolean complete) {
    }

    record Line(@NotBlank String sku, @NotNull @Positive BigDecimal quantity) {
    }

    record ProblemReport(
            @NotBlank @Size(max = 128) String problemId,
            @NotBlank @Size(max = 200) String businessKey,
            @NotNull Shipments.Problem problem,
            @NotEmpty List<@NotNull @Valid Line> lines) {
    }

    record Replenishment(@NotEmpty List<@NotBlank @Size(max = 64) String> skus) {
    }

    @PostMapping("/problems")
    ResponseEntity<Map<String, String>> problem(@Valid @RequestBody ProblemReport report) {
        var order = orders.findByBusinessKey(report.businessKey())
                .orElseThrow(() -> new OrderNotFoundException("with business key " + report.businessKey()));
        // A problem with goods the order does not have would take nothing off it and confuse customer service.
        var skus = order.order().lines().stream().map(OrderLine::sku).toList();
        List<InvalidRequestException.Violation> unknown = new ArrayList<>();
        for (int i = 0; i < report.lines().size(); i++) {
            if (!skus.contains(report.lines().get(i).sku())) {
                unknown.add(new InvalidRequestException.Violation("lines[" + i + "].sku",
                        "is not on order " + report.businessKey()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(unknown);
        }
        var outcome = shipments.reportProblem(report.problemId(), report.businessKey(),
                report.lines().stream().map(l -> new Shipments.ShippedLine(l.sku(), l.quantity())).toList(),
                report.problem());
        var body = Map.of("problemId", report.problemId(), "outcome", outcome.name());
        return outcome == Shipments.Outcome.DUPLICATE ? ResponseEntity.ok(body)
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    /** Every backorder waiting for stock checks again; one that still finds nothing goes back to waiting. */
    @PostMapping("/replenishments")
    ResponseEntity<Map<String, Object>> replenished(@Valid @RequestBody Replenishment replenishment) {
        int woken = shipments.replenished();
        return ResponseEntity.accepted().body(Map.of("skus", replenishment.skus(), "backordersChecking", woken));
    }

    @PostMapping
    ResponseEntity<Map<String, String>> confirm(@Valid @RequestBody ShipmentConfirmation confirmation) {
        var order = orders.findByBusinessKey(confirmation.businessKey())
                .orElseThrow(() -> new OrderNotFoundException("with business key " + confirmation.businessKey()));
        Map<String, BigDecimal> owed = new LinkedHashMap<>();
        order.order().lines().forEach(l -> owed.merge(l.sku(), l.quantity(), BigDecimal::add));
        ledger.cancelled(confirmation.businessKey()).forEach((sku, quantity) -> owed.computeIfPresent(sku,
                (s, ordered) -> ordered.subtract(quantity)));
        var outcome = shipments.receive(confirmation.shipmentId(), confirmation.businessKey(),
                confirmation.lines().stream().map(l -> new Shipments.ShippedLine(l.sku(), l.quantity())).toList(),
                confirmation.complete(), owed);
        var body = Map.of("shipmentId", confirmation.shipmentId(), "outcome", outcome.name());
        return outcome == Shipments.Outcome.DUPLICATE ? ResponseEntity.ok(body)
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
}
