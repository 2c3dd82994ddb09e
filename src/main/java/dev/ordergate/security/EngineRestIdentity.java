package dev.ordergate.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Runs each /engine-rest request as the Keycloak user whose bearer token Spring Security accepted (the token's
 * {@code preferred_username}, a Camunda user id through the identity plugin), so the engine's authorizations apply
 * to it: an operator may read and repair, but only {@code admins} may create, change or delete authorizations.
 * Without it engine-rest ran every request unauthenticated, which the engine treats as allowed to do anything.
 * Camunda's filter instantiates it by class name, hence public with a no-argument constructor.
 */
public class EngineRestIdentity implements AuthenticationProvider {

    static final String USER_NAME_CLAIM = "preferred_username";

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            return AuthenticationResult.unsuccessful();
        }
        String user = token.getToken().getClaimAsString(USER_NAME_CLAIM);
        // Groups are left to the filter, which asks the identity plugin (Keycloak) for the user's groups.
        return user == null || user.isBlank() ? AuthenticationResult.unsuccessful() : AuthenticationResult.successful(user);
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // Spring Security's chain already answered requests without a valid token with 401 problem+json.
    }
}
