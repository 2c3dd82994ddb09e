package dev.ordergate.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * The simulated tax service: a jurisdiction from country and postal code, a standard rate per jurisdiction,
 * services ({@code SVC-*}) exempt. An address it cannot place is not an error: it answers 200 with a problem.
 */
@RestController
@ConditionalOnSandbox("tax")
class SimulatedTaxController {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Assessment(@NotBlank String customerRef, String currency, @NotNull @Valid ShipTo shipTo,
                      @NotEmpty List<@Valid Line> lines) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShipTo(String name, String street, String city, String postalCode, @NotBlank String country) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Line(@NotBlank String lineRef, @NotBlank String sku, @NotNull BigDecimal quantity, @NotNull BigDecimal unitPrice) {
    }

    /** Nulls are part of the contract here: a consumer must see {@code "problem": null}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Result(String jurisdiction, BigDecimal totalTax, List<LineTax> lines, String problem) {
    }

    record LineTax(String lineRef, String taxCode, BigDecimal rate, BigDecimal taxAmount) {
    }

    private record Jurisdiction(String code, BigDecimal rate) {
    }

    private final SandboxFaults faults;

    SimulatedTaxController(SandboxFaults faults) {
        this.faults = faults;
    }

    @PostMapping("/sandbox/tax/v1/assessments")
    ResponseEntity<?> assess(@Validated @RequestBody Assessment assessment) {
        var refusal = faults.refusal("tax");
        return refusal.isPresent() ? refusal.get() : ResponseEntity.ok(assessed(assessment));
    }

    private static Result assessed(Assessment assessment) {
        ShipTo shipTo = assessment.shipTo();
        Jurisdiction jurisdiction = jurisdiction(shipTo.country(), shipTo.postalCode());
        if (jurisdiction == null) {
            return new Result(null, null, List.of(), "No tax jurisdiction for country %s postal code %s"
                    .formatted(shipTo.country(), shipTo.postalCode()));
        }
        List<LineTax> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Line line : assessment.lines()) {
            boolean exempt = line.sku().startsWith("SVC-");
            BigDecimal rate = exempt ? BigDecimal.ZERO : jurisdiction.rate();
            BigDecimal tax = line.quantity().multiply(line.unitPrice()).multiply(rate).setScale(2, RoundingMode.HALF_UP);
            lines.add(new LineTax(line.lineRef(), exempt ? "EXEMPT" : "STD", rate, tax));
            total = total.add(tax);
        }
        return new Result(jurisdiction.code(), total, lines, null);
    }

    /** US states from ZIP ranges (a small table, enough for the demo), Germany and Canada at their standard rates. */
    private static Jurisdiction jurisdiction(String country, String postalCode) {
        String code = postalCode == null ? "" : postalCode.trim();
        return switch (country.trim().toUpperCase()) {
            case "US" -> {
                if (!code.matches("\\d{5}(-\\d{4})?")) {
                    yield null;
                }
                int zip = Integer.parseInt(code.substring(0, 5));
                if (zip >= 90000 && zip <= 96199) {
                    yield new Jurisdiction("US-CA", new BigDecimal("0.0725"));
                } else if (zip >= 10000 && zip <= 14999) {
                    yield new Jurisdiction("US-NY", new BigDecimal("0.08875"));
                } else if (zip >= 75000 && zip <= 79999) {
                    yield new Jurisdiction("US-TX", new BigDecimal("0.0625"));
                }
                yield new Jurisdiction("US-OTHER", new BigDecimal("0.05"));
            }
            case "DE" -> new Jurisdiction("DE", new BigDecimal("0.19"));
            case "CA" -> new Jurisdiction("CA", new BigDecimal("0.13"));
            default -> null;
        };
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentNotValidException.class})
    ProblemDetail malformed(Exception malformed) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                malformed instanceof MethodArgumentNotValidException invalid
                        ? invalid.getBindingResult().getFieldErrors().stream()
                                .map(error -> error.getField() + " " + error.getDefaultMessage()).sorted().toList().toString()
                        : "The body is not a tax assessment request");
        problem.setTitle("Malformed assessment request");
        return problem;
    }
}
