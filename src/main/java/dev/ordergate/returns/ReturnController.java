package dev.ordergate.returns;

import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.order.OrderRecord;
import dev.ordergate.order.Orders;
import dev.ordergate.web.ApiProblems;
import dev.ordergate.web.ChannelAccess;
import dev.ordergate.web.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The channels' returns (request one for a shipped order, follow it) and the warehouse's door for the receipt of
 * returned goods, correlated to the return's process.
 */
@RestController
class ReturnController {

    private final ReturnIntake intake;
    private final ReturnReceipts receipts;
    private final OrderReturns returns;
    private final Orders orders;
    private final ChannelAccess access;

    ReturnController(ReturnIntake intake, ReturnReceipts receipts, OrderReturns returns, Orders orders,
                     ChannelAccess access) {
        this.intake = intake;
        this.receipts = receipts;
        this.returns = returns;
        this.orders = orders;
        this.access = access;
    }

    record ReturnRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'")
            String returnRef,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid Line> lines,
            @NotBlank @Size(max = 500) String reason) {
    }

    record Line(@NotBlank @Size(max = 64) String sku,
                @NotNull @Positive @Digits(integer = 9, fraction = 4) BigDecimal quantity) {
    }

    record ReceiptConfirmation(@NotBlank @Size(max = 128) String receiptId, @NotEmpty @Size(max = 100) List<@NotNull @Valid Line> lines) {
    }

    @PostMapping("/api/v1/orders/{orderId}/returns")
    ResponseEntity<ReturnRecord> request(@PathVariable String orderId, @Valid @RequestBody ReturnRequest request) {
        permittedOrder(orderId);
        var receipt = intake.receive(orderId, new ReturnIntake.Request(request.returnRef(), lines(request.lines()),
                request.reason()));
        if (receipt.created()) {
            return ResponseEntity.created(URI.create("/api/v1/returns/" + receipt.ret().id())).body(receipt.ret());
        }
        return ResponseEntity.ok(receipt.ret());
    }

    @GetMapping("/api/v1/orders/{orderId}/returns")
    List<ReturnRecord> ofOrder(@PathVariable String orderId) {
        permittedOrder(orderId);
        return returns.forOrder(orderId);
    }

    @GetMapping("/api/v1/returns/{returnId}")
    ReturnRecord get(@PathVariable String returnId) {
        return permittedReturn(returnId);
    }

    @PostMapping("/api/v1/returns/{returnId}/receipts")
    ResponseEntity<Map<String, String>> receipt(@PathVariable String returnId,
                                                @Valid @RequestBody ReceiptConfirmation confirmation) {
        if (returns.find(returnId).isEmpty()) {
            throw new ReturnNotFoundException(returnId);
        }
        var outcome = receipts.receive(returnId, confirmation.receiptId(), lines(confirmation.lines()));
        var body = Map.of("receiptId", confirmation.receiptId(), "outcome", outcome.name());
        return outcome == ReturnReceipts.Outcome.DUPLICATE ? ResponseEntity.ok(body)
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    /** Another channel's order answers exactly like a missing one, so its ids cannot be probed. */
    private OrderRecord permittedOrder(String orderId) {
        return orders.find(orderId).filter(o -> access.permits(o.order().channel()))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    private ReturnRecord permittedReturn(String returnId) {
        ReturnRecord ret = returns.find(returnId).orElseThrow(() -> new ReturnNotFoundException(returnId));
        orders.find(ret.orderId()).filter(o -> access.permits(o.order().channel()))
                .orElseThrow(() -> new ReturnNotFoundException(returnId));
        return ret;
    }

    private static List<ReturnRecord.Line> lines(List<Line> lines) {
        return lines.stream().map(l -> new ReturnRecord.Line(l.sku().trim(), l.quantity())).toList();
    }

    static class ReturnNotFoundException extends RuntimeException {
        ReturnNotFoundException(String returnId) {
            super("No return " + returnId);
        }
    }

    @ExceptionHandler(ReturnNotFoundException.class)
    ResponseEntity<Object> notFound(ReturnNotFoundException ex) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage(), Map.of());
    }

    @ExceptionHandler(ReturnIntake.NotShippedException.class)
    ResponseEntity<Object> notShipped(ReturnIntake.NotShippedException ex) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "not-shipped", "Nothing shipped yet", ex.getMessage(), Map.of());
    }

    @ExceptionHandler(ReturnIntake.ConflictException.class)
    ResponseEntity<Object> conflict(ReturnIntake.ConflictException ex) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "return-conflict", "Return reference already used",
                ex.getMessage(), Map.of());
    }

    @ExceptionHandler(ReturnReceipts.NotExpectedException.class)
    ResponseEntity<Object> notExpected(ReturnReceipts.NotExpectedException ex) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "return-not-expected", "No goods expected", ex.getMessage(),
                Map.of());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException ex) {
        return invalid(ex.violations());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Object> invalid(MethodArgumentNotValidException ex) {
        return invalid(ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new InvalidRequestException.Violation(e.getField(), e.getDefaultMessage()))
                .sorted(Comparator.comparing(InvalidRequestException.Violation::field)).toList());
    }

    private static ResponseEntity<Object> invalid(List<InvalidRequestException.Violation> violations) {
        String detail = violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
        return ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-return", "The return is invalid", detail,
                Map.of("errors", violations));
    }
}
