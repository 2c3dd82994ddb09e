package dev.ordergate.ops;

import dev.ordergate.web.ApiProblems;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The ops API's own refusals, as {@code application/problem+json} like every other API error. */
@RestControllerAdvice(assignableTypes = OpsController.class)
class OpsProblems {

    @ExceptionHandler(OpsNotFoundException.class)
    ResponseEntity<Object> notFound(OpsNotFoundException ex) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage(), Map.of());
    }

    @ExceptionHandler(OpsForbiddenException.class)
    ResponseEntity<Object> forbidden(OpsForbiddenException ex) {
        return ApiProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Not permitted", ex.getMessage(), Map.of());
    }

    @ExceptionHandler(NotRetryableException.class)
    ResponseEntity<Object> notRetryable(NotRetryableException ex) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "not-retryable", "Incident cannot be retried",
                ex.getMessage(), Map.of());
    }

    @ExceptionHandler(OpsController.InvalidRetryException.class)
    ResponseEntity<Object> invalid(OpsController.InvalidRetryException ex) {
        return ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-retry", "Invalid retry request",
                ex.getMessage(), Map.of());
    }
}
