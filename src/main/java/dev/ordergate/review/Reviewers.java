package dev.ordergate.review;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling the review API, with the groups the engine knows them in (the groups review tasks name as
 * candidates). The security mode answers it: a bearer token with Keycloak, the engine's own users otherwise.
 */
public interface Reviewers {

    Optional<Reviewer> current(HttpServletRequest request);

    record Reviewer(String userId, List<String> groups) {
    }
}
