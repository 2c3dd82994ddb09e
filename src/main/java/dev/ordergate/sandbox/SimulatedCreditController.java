package dev.ordergate.sandbox;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The simulated credit service: a fixed standing per seeded customer. */
@RestController
@ConditionalOnSandbox("credit")
class SimulatedCreditController {

    record Standing(String customerRef, String currency, BigDecimal creditLimit, BigDecimal openExposure,
                    BigDecimal overdueAmount, boolean blocked) {
    }

    private static final Map<String, Standing> STANDINGS = Map.of(
            "C-10042", standing("C-10042", "100000.00", "5000.00", false),
            "C-20077", standing("C-20077", "3000.00", "2500.00", false),
            "C-30099", standing("C-30099", "20000.00", "0.00", true),
            "C-40011", standing("C-40011", "50000.00", "0.00", false),
            // The EU company's customer (sandbox Odoo company 2), in euros.
            "C-50001", new Standing("C-50001", "EUR", new BigDecimal("80000.00"), new BigDecimal("0.00"),
                    new BigDecimal("0.00"), false));

    private static Standing standing(String customerRef, String limit, String exposure, boolean blocked) {
        return new Standing(customerRef, "USD", new BigDecimal(limit), new BigDecimal(exposure), new BigDecimal("0.00"), blocked);
    }

    private final SandboxFaults faults;

    SimulatedCreditController(SandboxFaults faults) {
        this.faults = faults;
    }

    @GetMapping("/sandbox/credit/v1/customers/{customerRef}/standing")
    ResponseEntity<?> standing(@PathVariable String customerRef) {
        var refusal = faults.refusal("credit");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Standing standing = STANDINGS.get(customerRef);
        if (standing == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No customer with reference %s".formatted(customerRef));
            problem.setTitle("Unknown customer");
            problem.setType(URI.create("urn:ordergate:sandbox:credit:unknown-customer"));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.ok(standing);
    }
}
