package dev.ordergate.intake;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ordergate.order.ChannelReasons;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.order.OrderRecord;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.returns.ReturnsOfOrder;
import dev.ordergate.review.ReviewDecisions;
import dev.ordergate.web.ApiProblems;
import dev.ordergate.web.ChannelAccess;
import dev.ordergate.web.RegionAccess;
import dev.ordergate.web.IntakeProperties;
import dev.ordergate.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The channels' door: submit an order, follow it. */
@RestController
@RequestMapping("/api/v1/orders")
@Validated
class OrderController {

    private final OrderIntake intake;
    private final Orders orders;
    private final IntakeProperties limits;
    private final ReviewDecisions reviews;
    private final ChannelAccess access;
    private final RegionAccess regionAccess;
    private final ReturnsOfOrder returns;

    OrderController(OrderIntake intake, Orders orders, IntakeProperties limits, ReviewDecisions reviews,
                    ChannelAccess access, ReturnsOfOrder returns, RegionAccess regionAccess) {
        this.regionAccess = regionAccess;
        this.intake = intake;
        this.orders = orders;
        this.limits = limits;
        this.reviews = reviews;
        this.access = access;
        this.returns = returns;
    }

    /**
     * An order with every reviewer decision taken on it (who, when, what, why, on which reasons: their codes, the
     * figures stay with the reviewers) and its returns.
     */
    record OrderDetails(@JsonUnwrapped OrderRecord order, List<ReviewDecisions.Decision> reviews, List<?> returns) {
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "A new order",
            content = @Content(schema = @Schema(implementation = OrderRecord.class)))
    @ApiResponse(responseCode = "200", description = "The same order again: the one already received, nothing started",
            content = @Content(schema = @Schema(implementation = OrderRecord.class)))
    @ApiResponse(responseCode = "409", description = "The same channel and channelOrderRef with other content",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<?> submit(@Valid @RequestBody Order order) {
        if (!access.permits(order.channel())) {
            return ApiProblems.problem(HttpStatus.FORBIDDEN, "channel-not-permitted", "Channel not permitted",
                    "The caller may not submit orders for channel '" + order.channel() + "'", Map.of());
        }
        if (order.lines().size() > limits.maxLines()) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("lines",
                    "must have at most " + limits.maxLines() + " lines, has " + order.lines().size())));
        }
        var receipt = intake.receive(order);
        if (receipt.created()) {
            return ResponseEntity.created(URI.create("/api/v1/orders/" + receipt.order().id())).body(receipt.order());
        }
        return ResponseEntity.ok(receipt.order());
    }

    /** Another channel's order answers exactly like a missing one, so its ids cannot be probed. */
    @GetMapping("/{id}")
    OrderDetails get(@PathVariable String id) {
        return new OrderDetails(orders.find(id).filter(o -> access.permits(o.order().channel())
                        || regionAccess.regions().isPresent() && regionAccess.permits(o.region()))
                .orElseThrow(() -> new OrderNotFoundException(id)), channelsReading(reviews.forOrder(id)),
                returns.returnsOf(id));
    }

    /** The reviewers' facts as reason codes: the figures they decided on stay in Tasklist and the audit. */
    private static List<ReviewDecisions.Decision> channelsReading(List<ReviewDecisions.Decision> decisions) {
        return decisions.stream().map(d -> new ReviewDecisions.Decision(d.taskId(), d.gate(),
                ChannelReasons.of(d.gate(), d.facts()), d.decision(), d.comment(), d.decidedBy(), d.decidedAt()))
                .toList();
    }

    @GetMapping
    Page list(@RequestParam(required = false) OrderStatus status,
              @RequestParam(defaultValue = "0") @Min(0) int page,
              @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        // A regional operator's list holds their regions' orders only.
        java.util.Set<String> regions = regionAccess.regions().orElse(null);
        return new Page(orders.list(status, regions, page, size), page, size, orders.count(status, regions));
    }

    record Page(List<OrderRecord> items, int page, int size, long total) {
    }
}
