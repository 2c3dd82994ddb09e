package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.order.Orders;
import dev.ordergate.web.ApiProblems;
import dev.ordergate.web.ChannelAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A channel cancels its order: accepted until the goods have left; after a shipment only a backorder still waiting
 * for stock can be cancelled (what shipped stays, and is invoiced), otherwise the answer says to request a return.
 */
@RestController
class CancellationController {

    private final OrderCancellations cancellations;
    private final Orders orders;
    private final ChannelAccess access;

    CancellationController(OrderCancellations cancellations, Orders orders, ChannelAccess access) {
        this.cancellations = cancellations;
        this.orders = orders;
        this.access = access;
    }

    record CancellationRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/orders/{id}/cancellation")
    ResponseEntity<Object> cancel(@PathVariable String id, @Valid @RequestBody CancellationRequest request) {
        orders.find(id).filter(o -> access.permits(o.order().channel())).orElseThrow(() -> new OrderNotFoundException(id));
        return switch (cancellations.request(id, request.reason())) {
            case CANCELLING -> ResponseEntity.accepted().body(Map.of("id", id, "status", "CANCELLING"));
            case CANCELLING_BACKORDER -> ResponseEntity.accepted().body(Map.of("id", id, "status", "CANCELLING_BACKORDER",
                    "detail", "What has shipped stays shipped and is invoiced; request a return for it"));
            case ALREADY_CANCELLED -> ResponseEntity.ok(Map.of("id", id, "status", "CANCELLED"));
            case ALREADY_SHIPPED -> ApiProblems.problem(HttpStatus.CONFLICT, "already-shipped", "Already shipped",
                    "The order has shipped and can no longer be cancelled; request a return instead", Map.of("id", id));
            case ALREADY_FINISHED -> ApiProblems.problem(HttpStatus.CONFLICT, "already-finished", "Already finished",
                    "The order is " + orders.get(id).status() + " and can no longer be cancelled", Map.of("id", id));
            case NOT_STARTED -> ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "order-not-started",
                    "The order's process has not started", "The order is stored but its process could not start yet "
                            + "(it is tried again); send the cancellation again later", Map.of("id", id));
        };
    }
}
