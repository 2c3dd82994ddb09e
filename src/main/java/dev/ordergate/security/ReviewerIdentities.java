package dev.ordergate.security;

import dev.ordergate.review.Reviewers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who calls the review API, in each security mode. Groups always come from the engine's identity service (the
 * Keycloak plugin with Keycloak), because those are the groups review tasks name as candidates.
 */
@Configuration(proxyBeanMethods = false)
class ReviewerIdentities {

    /** Local mode: the engine's own users (the demo reviewers), by HTTP basic, as engine-rest takes them. */
    @Bean
    @Profile("!" + KeycloakSecurity.PROFILE)
    Reviewers engineUsers(IdentityService identity) {
        return request -> {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException unreadable) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0 || !identity.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                return Optional.empty();
            }
            String userId = decoded.substring(0, colon);
            return Optional.of(new Reviewers.Reviewer(userId, groupsOf(identity, userId)));
        };
    }

    /** Keycloak mode: the bearer token's user (the realm's user name is the engine's user id). */
    @Bean
    @Profile(KeycloakSecurity.PROFILE)
    Reviewers tokenHolders(IdentityService identity) {
        return request -> {
            if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
                return Optional.empty();
            }
            String userId = token.getToken().getClaimAsString("preferred_username");
            if (userId == null || userId.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Reviewers.Reviewer(userId, groupsOf(identity, userId)));
        };
    }

    private static List<String> groupsOf(IdentityService identity, String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }
}
