package dev.ordergate.security;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * Hands the user Spring Security logged in through Keycloak to the Camunda webapps, with the user's Keycloak groups
 * as resolved by the identity plugin, so candidate groups and authorizations apply. Camunda instantiates it by class
 * name, hence public with a no-argument constructor.
 */
public class WebappAuthentication extends ContainerBasedAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken login)
                || login.getName() == null || login.getName().isBlank()) {
            return AuthenticationResult.unsuccessful();
        }
        String userId = login.getName();
        AuthenticationResult result = AuthenticationResult.successful(userId);
        result.setGroups(engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList());
        return result;
    }
}
