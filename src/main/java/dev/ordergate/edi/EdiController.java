package dev.ordergate.edi;

import dev.ordergate.web.ApiProblems;
import dev.ordergate.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The EDI gateway's door: interchanges in (answered with their acknowledgement), documents out to read. */
@RestController
@RequestMapping("/api/v1/edi")
class EdiController {

    static final String X12 = "application/edi-x12";
    static final String EDIFACT = "application/edifact";

    private final InterchangeIntake intake;
    private final EdiStore store;

    EdiController(InterchangeIntake intake, EdiStore store) {
        this.intake = intake;
        this.store = store;
    }

    record Acknowledgement(String type, String content) {
    }

    record Receipt(String interchangeId, String partner, String outcome, List<InterchangeIntake.PurchaseOrder> orders,
                   Acknowledgement acknowledgement) {
    }

    record Document(String id, String partner, String orderId, String type, long controlNumber,
                    OffsetDateTime createdAt, String content) {
    }

    @PostMapping(path = "/interchanges", consumes = {X12, EDIFACT})
    @ApiResponse(responseCode = "201", description = "Accepted: each PO became an order; the acknowledgement inside",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "200", description = "The same interchange again: its first acknowledgement, nothing new",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "400", description = "Unreadable (edi-malformed): nothing stored; errors and the "
            + "rejecting acknowledgement inside", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "Rejected (edi-rejected): unknown partner, item or unit, invalid "
            + "values; nothing stored", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> receive(@RequestBody byte[] interchange) {
        InterchangeIntake.Result result = intake.receive(interchange);
        Acknowledgement ack = result.ack() == null ? null
                : new Acknowledgement(result.ack().type(), result.ack().text());
        return switch (result.outcome()) {
            case ACCEPTED -> ResponseEntity.status(HttpStatus.CREATED).body(receipt(result, ack));
            case DUPLICATE -> ResponseEntity.ok(receipt(result, ack));
            case REJECTED, UNREADABLE -> {
                boolean malformed = result.outcome() == InterchangeIntake.Outcome.UNREADABLE || result.syntaxError();
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("errors", result.errors().stream().map(EdiController::violation).toList());
                if (ack != null) {
                    properties.put("acknowledgement", ack);
                }
                yield ApiProblems.problem(malformed ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY,
                        malformed ? "edi-malformed" : "edi-rejected",
                        malformed ? "The interchange cannot be read" : "The interchange is rejected",
                        "Nothing was stored. " + result.errors().get(0).describe()
                                + (result.errors().size() > 1 ? " (and " + (result.errors().size() - 1) + " more)" : ""),
                        properties);
            }
        };
    }

    @GetMapping("/documents")
    List<Document> documents(@RequestParam String orderId) {
        return store.documentsOfOrder(orderId).stream()
                .map(d -> new Document(d.id(), d.partner(), d.orderId(), d.type(), d.controlNumber(), d.createdAt(),
                        d.content()))
                .toList();
    }

    private static Receipt receipt(InterchangeIntake.Result result, Acknowledgement ack) {
        return new Receipt(result.interchangeId(), result.partner(), result.outcome().name(), result.orders(), ack);
    }

    private static InvalidRequestException.Violation violation(EdiError error) {
        String where = error.segment() == null ? (error.message() == null ? "interchange" : "message " + error.message())
                : (error.message() == null ? "" : "message " + error.message() + " ") + error.segment()
                + (error.segmentPosition() > 0 ? "[" + error.segmentPosition() + "]" : "")
                + (error.element() > 0 ? "." + error.element() : "");
        return new InvalidRequestException.Violation(where, error.code().description
                + (error.detail() == null ? "" : ": " + error.detail()));
    }
}
