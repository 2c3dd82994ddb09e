package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.order.Orders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The warehouse's door: shipment confirmations, correlated to the order's process by business key. */
@RestController
@RequestMapping("/api/v1/shipments")
class ShipmentController {

    private final Shipments shipments;
    private final Orders orders;

    ShipmentController(Shipments shipments, Orders orders) {
        this.shipments = shipments;
        this.orders = orders;
    }

    record ShipmentConfirmation(
            @NotBlank @Size(max = 128) String shipmentId,
            @NotBlank @Size(max = 200) String businessKey,
            @NotEmpty List<@NotNull @Valid Line> lines,
            boolean complete) {
    }

    record Line(@NotBlank String sku, @NotNull @Positive BigDecimal quantity) {
    }

    @PostMapping
    ResponseEntity<Map<String, String>> confirm(@Valid @RequestBody ShipmentConfirmation confirmation) {
        if (orders.findByBusinessKey(confirmation.businessKey()).isEmpty()) {
            throw new OrderNotFoundException("with business key " + confirmation.businessKey());
        }
        var outcome = shipments.receive(confirmation.shipmentId(), confirmation.businessKey(),
                confirmation.lines().stream().map(l -> new Shipments.ShippedLine(l.sku(), l.quantity())).toList(),
                confirmation.complete());
        var body = Map.of("shipmentId", confirmation.shipmentId(), "outcome", outcome.name());
        return outcome == Shipments.Outcome.DUPLICATE ? ResponseEntity.ok(body)
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
}
