package dev.ordergate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ordergate.order.OrderConflictException;
import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.order.RegionRefusedException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every rejected API request answers {@code application/problem+json} that names what is wrong; a field-level
 * problem lists each field in {@code errors}. Nothing is written for a rejected request.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final String TYPE = "urn:ordergate:problem:";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.Violation> violations = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new InvalidRequestException.Violation(e.getField(), e.getDefaultMessage()))
                .sorted(Comparator.comparing(InvalidRequestException.Violation::field))
                .toList();
        return invalid(violations);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.Violation> violations = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> new InvalidRequestException.Violation(
                        r.getMethodParameter().getParameterName(), e.getDefaultMessage())))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid request parameter",
                violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")),
                Map.of("errors", violations));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException ex) {
        return invalid(ex.violations());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> invalid(ConstraintViolationException ex) {
        return invalid(ex.getConstraintViolations().stream()
                .map(v -> new InvalidRequestException.Violation(v.getPropertyPath().toString(), v.getMessage()))
                .toList());
    }

    private ResponseEntity<Object> invalid(List<InvalidRequestException.Violation> violations) {
        String detail = violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-order", "The order is invalid", detail,
                Map.of("errors", violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyLimit.TooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return problem(HttpStatus.BAD_REQUEST, "unknown-field", "Unknown field",
                    "Field '" + field + "' is not part of the order", Map.of("errors",
                            List.of(new InvalidRequestException.Violation(field, "is not a known field"))));
        }
        if (cause instanceof InvalidFormatException | cause instanceof MismatchedInputException) {
            JsonMappingException mapping = (JsonMappingException) cause;
            String field = path(mapping);
            String message = mapping instanceof InvalidFormatException f
                    ? "cannot be read as " + f.getTargetType().getSimpleName() + ": '" + f.getValue() + "'"
                    : "has the wrong type or is missing";
            return problem(HttpStatus.BAD_REQUEST, "unreadable-field", "Field cannot be read",
                    "Field '" + field + "' " + message,
                    Map.of("errors", List.of(new InvalidRequestException.Violation(field, message))));
        }
        if (cause instanceof JsonProcessingException json) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    json.getOriginalMessage(), Map.of());
        }
        return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Request body missing or unreadable",
                "The request needs a JSON body", Map.of());
    }

    @ExceptionHandler(RequestBodyLimit.TooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestBodyLimit.TooLargeException ex) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large", ex.getMessage(),
                Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalidParameter(ex.getParameterName(), "is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String message = ex.getRequiredType() != null && ex.getRequiredType().isEnum()
                ? "must be one of " + List.of(ex.getRequiredType().getEnumConstants())
                : "cannot be read as " + (ex.getRequiredType() == null ? "?" : ex.getRequiredType().getSimpleName());
        return invalidParameter(ex.getName(), message);
    }

    /** A lock or timeout the caller can simply retry: 503 with Retry-After, nothing half-written (the transaction rolled back). */
    @ExceptionHandler(org.springframework.dao.TransientDataAccessException.class)
    ResponseEntity<Object> busy(org.springframework.dao.TransientDataAccessException ex) {
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy, try again",
                "The request could not be completed now; nothing was stored. Send it again.", Map.of());
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "1").body(problem.getBody());
    }

    @ExceptionHandler(OrderConflictException.class)
    ResponseEntity<Object> conflict(OrderConflictException ex) {
        return problem(HttpStatus.CONFLICT, "order-conflict", "Order reference already used", ex.getMessage(),
                Map.of("businessKey", ex.businessKey()));
    }

    @ExceptionHandler(RegionRefusedException.class)
    ResponseEntity<Object> regionRefused(RegionRefusedException ex) {
        return switch (ex.reason()) {
            case CHANNEL_NOT_BOUND -> problem(HttpStatus.FORBIDDEN, "region-not-permitted",
                    "Region not permitted for the channel", ex.getMessage(), Map.of("region", ex.region()));
            case CURRENCY_NOT_THE_REGIONS -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "currency-not-of-region",
                    "Currency not the region's", ex.getMessage(), Map.of("region", ex.region(), "errors",
                            List.of(new InvalidRequestException.Violation("currency", "is not the currency of region "
                                    + ex.region()))));
        };
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ResponseEntity<Object> notFound(OrderNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage(), Map.of());
    }

    /** 400 for one request parameter: "Parameter 'name' message", with the parameter in {@code errors}. */
    public static ResponseEntity<Object> invalidParameter(String name, String message) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid request parameter",
                "Parameter '" + name + "' " + message,
                Map.of("errors", List.of(new InvalidRequestException.Violation(name, message))));
    }

    public static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
                                                 Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE + type));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String path(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : ex.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
