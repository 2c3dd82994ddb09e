package dev.ordergate.odoo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/ops/preflight[?customers=C-1,C-2&products=SKU-1]}: the preflight report (ops role). */
@RestController
class OdooPreflightController {

    /** Refs or codes per request: each list is one Odoo call per 200, and the answer names each one. */
    private static final int MAX_NAMES = 500;

    private final OdooPreflight preflight;

    OdooPreflightController(OdooPreflight preflight) {
        this.preflight = preflight;
    }

    @GetMapping("/api/v1/ops/preflight")
    ResponseEntity<?> preflight(@RequestParam(defaultValue = "") String customers,
                                @RequestParam(defaultValue = "") String products) {
        List<String> refs = names(customers);
        List<String> codes = names(products);
        for (Map.Entry<String, List<String>> parameter : List.of(Map.entry("customers", refs), Map.entry("products", codes))) {
            if (parameter.getValue().size() > MAX_NAMES) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "'" + parameter.getKey() + "' names " + parameter.getValue().size() + " entries; at most "
                                + MAX_NAMES + " per request");
                problem.setTitle("Too many names to check");
                problem.setProperty("errors", List.of(Map.of("field", parameter.getKey(),
                        "message", "at most " + MAX_NAMES + " comma-separated entries")));
                return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
            }
        }
        return ResponseEntity.ok(preflight.check(refs, codes));
    }

    private static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
