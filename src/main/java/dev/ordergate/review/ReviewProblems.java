package dev.ordergate.review;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The review API's problem+json answers, in the shape and type namespace of the order API's (order.ApiProblems),
 * which this package cannot use: the order package already depends on review for the decisions it shows.
 */
final class ReviewProblems {

    private static final String TYPE = "urn:ordergate:problem:";

    private ReviewProblems() {
    }

    static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
                                          Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE + type));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
