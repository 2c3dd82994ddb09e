package dev.ordergate.sandbox;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import dev.ordergate.sandbox.SimulatedWms.Release;
import dev.ordergate.sandbox.SimulatedWms.ReleaseLine;
import dev.ordergate.sandbox.SimulatedWms.Tracked;

/** The simulated WMS's release API: 202 for a new release, 200 with the same answer for a repeated one. */
@RestController
@ConditionalOnSandbox("wms")
class SimulatedWmsController {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReleaseRequest(@NotBlank String releaseId, @NotBlank String businessKey, Map<String, Object> shipTo,
                          @NotEmpty List<@Valid Line> lines) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Line(String lineRef, @NotBlank String sku, @NotNull @Positive BigDecimal quantity) {
    }

    record Accepted(String releaseId, String status) {
    }

    record ReleaseView(String releaseId, String businessKey, String status, boolean confirmationDelivered,
                       int confirmationAttempts, List<ReleaseLine> lines) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReturnRequest(@NotBlank String returnId, @NotBlank String businessKey, @NotEmpty List<@Valid ReturnLine> lines) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReturnLine(@NotBlank String sku, @NotNull @Positive BigDecimal quantity) {
    }

    record ReturnView(String returnId, String businessKey, String status, boolean receiptDelivered,
                      int receiptAttempts, String lastAnswer, List<SimulatedWms.ShippedLine> lines) {
    }

    private final SimulatedWms wms;
    private final SandboxFaults faults;

    SimulatedWmsController(SimulatedWms wms, SandboxFaults faults) {
        this.wms = wms;
        this.faults = faults;
    }

    /** Stops (and starts again) the automatic shipping, so a person can ship parts and report problems by hand. */
    @PostMapping("/sandbox/wms/v1/auto-ship/{state}")
    ResponseEntity<?> autoShip(@PathVariable String state) {
        switch (state) {
            case "off" -> faults.pauseShipments();
            case "on" -> faults.resumeShipments();
            default -> {
                return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "auto-ship is 'on' or 'off', not '%s'".formatted(state)));
            }
        }
        return ResponseEntity.ok(Map.of("autoShip", state));
    }

    @PostMapping("/sandbox/wms/v1/releases")
    ResponseEntity<?> release(@Validated @RequestBody ReleaseRequest request) {
        var refusal = faults.refusal("wms");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Release release = new Release(request.releaseId(), request.businessKey(),
                request.shipTo() == null ? Map.of() : request.shipTo(),
                request.lines().stream().map(line -> new ReleaseLine(line.lineRef(), line.sku(), line.quantity())).toList());
        boolean fresh = wms.accept(release);
        return ResponseEntity.status(fresh ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(new Accepted(request.releaseId(), "ACCEPTED"));
    }

    /** Withdraws a release that has not shipped: 204, also when it was never known or already withdrawn; 409 once shipped. */
    @org.springframework.web.bind.annotation.DeleteMapping("/sandbox/wms/v1/releases/{releaseId}")
    ResponseEntity<?> withdraw(@PathVariable String releaseId) {
        if (wms.withdraw(releaseId) == SimulatedWms.Withdrawal.ALREADY_SHIPPED) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, "Release %s has shipped and cannot be withdrawn".formatted(releaseId)));
        }
        return ResponseEntity.noContent().build();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShippedQuantity(@NotBlank String sku, @NotNull @Positive BigDecimal quantity) {
    }

    record ShipRequest(List<@Valid ShippedQuantity> lines) {
    }

    record ProblemRequest(@NotBlank @jakarta.validation.constraints.Pattern(regexp = "damaged|lost|refused") String problem,
                          List<@Valid ShippedQuantity> lines) {
    }

    record Replenishment(@NotBlank String sku, @NotNull @Positive BigDecimal quantity) {
    }

    /** Ships part of a release now (the lines given, or everything left); the confirmation goes to Ordergate. */
    @PostMapping("/sandbox/wms/v1/releases/{releaseId}/shipments")
    ResponseEntity<?> ship(@PathVariable String releaseId, @Validated @RequestBody(required = false) ShipRequest request) {
        if (wms.find(releaseId).isEmpty()) {
            return unknown(releaseId);
        }
        return ResponseEntity.ok(wms.shipNow(releaseId, shipped(request == null ? null : request.lines())));
    }

    /** Reports a problem with goods of a release (the lines given, or everything left). */
    @PostMapping("/sandbox/wms/v1/releases/{releaseId}/problems")
    ResponseEntity<?> problem(@PathVariable String releaseId, @Validated @RequestBody ProblemRequest request) {
        if (wms.find(releaseId).isEmpty()) {
            return unknown(releaseId);
        }
        return ResponseEntity.ok(wms.reportProblem(releaseId, request.problem(), shipped(request.lines())));
    }

    /** Stock arrives: the sandbox Odoo has more on hand, and Ordergate hears that stock was replenished. */
    @PostMapping("/sandbox/wms/v1/replenishments")
    ResponseEntity<?> replenish(@Validated @RequestBody Replenishment replenishment) {
        wms.replenish(replenishment.sku(), replenishment.quantity());
        return ResponseEntity.accepted().body(replenishment);
    }

    private static List<SimulatedWms.ShippedLine> shipped(List<ShippedQuantity> lines) {
        return lines == null ? List.of()
                : lines.stream().map(l -> new SimulatedWms.ShippedLine(l.sku(), l.quantity())).toList();
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(SimulatedWms.NotOnRelease.class)
    ResponseEntity<?> notOnRelease(SimulatedWms.NotOnRelease refused) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                refused.getMessage()));
    }

    /** Ordergate refused what the warehouse reported (e.g. goods for a finished order): its answer, passed on. */
    @org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.web.client.HttpClientErrorException.class)
    ResponseEntity<String> refusedByOrdergate(org.springframework.web.client.HttpClientErrorException refused) {
        return ResponseEntity.status(refused.getStatusCode())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(refused.getResponseBodyAsString());
    }

    private static ResponseEntity<?> unknown(String releaseId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "No release %s".formatted(releaseId)));
    }

    @GetMapping("/sandbox/wms/v1/releases/{releaseId}")
    ResponseEntity<?> find(@PathVariable String releaseId) {
        return wms.find(releaseId).<ResponseEntity<?>>map(tracked -> ResponseEntity.ok(view(tracked)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "No release %s".formatted(releaseId))));
    }

    /** An announced return: 202 the first time, 200 for a repeat; 422 when a test made the WMS refuse (SandboxFaults). */
    @PostMapping("/sandbox/wms/v1/returns")
    ResponseEntity<?> expectReturn(@Validated @RequestBody ReturnRequest request) {
        var refusal = faults.refusal("wms");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        boolean fresh = wms.expect(new SimulatedWms.ReturnAdvice(request.returnId(), request.businessKey(),
                request.lines().stream().map(l -> new SimulatedWms.ShippedLine(l.sku(), l.quantity())).toList()));
        return ResponseEntity.status(fresh ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(Map.of("returnId", request.returnId(), "status", "EXPECTED"));
    }

    @GetMapping("/sandbox/wms/v1/returns/{returnId}")
    ResponseEntity<?> findReturn(@PathVariable String returnId) {
        return wms.findReturn(returnId).<ResponseEntity<?>>map(tracked -> ResponseEntity.ok(view(tracked)))
                .orElseGet(() -> noReturn(returnId));
    }

    /** The demo's "the goods are here" button: the warehouse posts the receipt to Ordergate now. */
    @PostMapping("/sandbox/wms/v1/returns/{returnId}/receive")
    ResponseEntity<?> receive(@PathVariable String returnId) {
        return wms.receiveNow(returnId).<ResponseEntity<?>>map(tracked -> ResponseEntity.ok(view(tracked)))
                .orElseGet(() -> noReturn(returnId));
    }

    private static ResponseEntity<?> noReturn(String returnId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "No return %s is expected".formatted(returnId)));
    }

    private static ReturnView view(SimulatedWms.TrackedReturn tracked) {
        return new ReturnView(tracked.advice().returnId(), tracked.advice().businessKey(), tracked.status(),
                tracked.receiptDelivered(), tracked.attempts(), tracked.lastAnswer(), tracked.advice().lines());
    }

    private static ReleaseView view(Tracked tracked) {
        Release release = tracked.release();
        return new ReleaseView(release.releaseId(), release.businessKey(), tracked.status(),
                tracked.confirmationDelivered(), tracked.attempts(), release.lines());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentNotValidException.class})
    ProblemDetail malformed(Exception malformed) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not a release request");
        problem.setTitle("Malformed release request");
        return problem;
    }
}
