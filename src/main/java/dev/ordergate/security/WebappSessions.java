package dev.ordergate.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientPropertiesMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How long a webapp session lives (keycloak profile, docs/security-runtime.md): no longer than the Keycloak session
 * behind it. {@code POST /logout} ends the Keycloak session too (RP-initiated logout); Keycloak's back-channel logout
 * ends the webapp session when an administrator signs the user out; and every request renews the session's access
 * token when it is within {@link #CLOCK_SKEW} of expiring, so a disabled user or an ended Keycloak session loses the
 * webapp session at the latest when its access token expires.
 */
@Configuration(proxyBeanMethods = false)
@Profile(KeycloakSecurity.PROFILE)
// Boot binds these only while it builds the registrations itself, which the bean below replaces.
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class WebappSessions {

    /** Tolerated clock difference with Keycloak; tokens are renewed this long before they expire. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(WebappSessions.class);

    /**
     * Boot's registrations with Keycloak's issuer and end-session endpoint added: logout tokens are checked against
     * the issuer, and RP-initiated logout needs the endpoint. Boot would only add them by discovery at start-up, which
     * would need Keycloak to be up before Ordergate.
     */
    @Bean
    ClientRegistrationRepository clientRegistrations(OAuth2ClientProperties properties, KeycloakProperties keycloak) {
        return new InMemoryClientRegistrationRepository(new OAuth2ClientPropertiesMapper(properties)
                .asClientRegistrations().values().stream()
                .map(registration -> ClientRegistration.withClientRegistration(registration)
                        .issuerUri(keycloak.issuer())
                        .providerConfigurationMetadata(Map.of("end_session_endpoint",
                                keycloak.issuer() + "/protocol/openid-connect/logout"))
                        .build())
                .toList());
    }

    /** The tokens live in the HTTP session, so they end with it and two sessions of one user stay apart. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    static LogoutSuccessHandler logoutAtKeycloak(ClientRegistrationRepository registrations) {
        var handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/");
        return handler;
    }

    static OncePerRequestFilter endWithToken(ClientRegistrationRepository registrations,
                                             OAuth2AuthorizedClientRepository authorizedClients) {
        OAuth2AuthorizedClientProvider refresh = OAuth2AuthorizedClientProviderBuilder.builder()
                .refreshToken(token -> token.clockSkew(CLOCK_SKEW)).build();
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(refresh);
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken login
                        && !stillValid(manager, login, request, response)) {
                    SecurityContextHolder.clearContext();
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** Renews the access token when due; Keycloak refusing (user disabled, session ended) ends the webapp session. */
    private static boolean stillValid(DefaultOAuth2AuthorizedClientManager manager, OAuth2AuthenticationToken login,
                                      HttpServletRequest request, HttpServletResponse response) {
        try {
            OAuth2AuthorizedClient client = manager.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(login.getAuthorizedClientRegistrationId()).principal(login)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response).build());
            return client != null;
        } catch (OAuth2AuthorizationException refused) {
            log.info("Webapp session of {} ended: Keycloak refused to renew its token ({})", login.getName(),
                    refused.getError().getErrorCode());
            return false;
        }
    }
}
