package dev.ordergate.security;

import static org.springframework.security.config.Customizer.withDefaults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.order.ChannelAccess;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The keycloak profile. Two filter chains (STACK.md pitfall 1): a stateless JWT resource server for the machine
 * interfaces (the API, engine-rest, actuator), and an OIDC login with a session for the Camunda webapps. Roles are
 * Keycloak <em>realm</em> roles ({@code realm_access.roles}), so a human's groups and a channel's service account
 * carry the same role names; a channel's own channel comes from the token's {@code channel} claim.
 */
@Configuration(proxyBeanMethods = false)
@Profile(KeycloakSecurity.PROFILE)
class KeycloakSecurity {

    static final String PROFILE = "keycloak";

    /** Realm roles, as named in keycloak/ordergate-realm.json. */
    static final String SUBMIT = "order-submit";
    static final String READ = "order-read";
    static final String CANCEL = "order-cancel";
    static final String RETURN = "return-request";
    static final String SHIPMENTS = "shipment-confirm";
    static final String OPS = "ops";
    static final String REVIEWER = "reviewer";

    static final String CHANNEL_CLAIM = "channel";

    @Bean
    @Order(1)
    SecurityFilterChain machineInterfaces(HttpSecurity http, ObjectMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        return http
                .securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"), path("/actuator/**")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/orders")).hasAuthority(SUBMIT)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/orders")).hasAuthority(OPS)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/orders/*"), path(HttpMethod.GET, "/api/v1/orders/*/invoices"))
                        .hasAnyAuthority(READ, OPS)
                        // The cancellation and return endpoints (issue 5) are guarded here before they exist.
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/orders/*/cancellation")).hasAuthority(CANCEL)
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/returns")).hasAuthority(RETURN)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/returns/**")).hasAnyAuthority(RETURN, OPS)
                        // Returns (issue 5): a channel requests them on its order; the warehouse confirms receipts.
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/orders/*/returns")).hasAuthority(RETURN)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/orders/*/returns")).hasAnyAuthority(RETURN, READ, OPS)
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/returns/*/receipts")).hasAuthority(SHIPMENTS)
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/shipments"), path(HttpMethod.POST, "/api/v1/shipments/**"))
                        .hasAuthority(SHIPMENTS)
                        .requestMatchers(path("/api/v1/reviews/**")).hasAuthority(REVIEWER)
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/inventory/events")).hasAuthority(SHIPMENTS)
                        .requestMatchers(path("/api/v1/sync/**"), path("/api/v1/reports/**")).hasAuthority(OPS)
                        .requestMatchers(path("/api/v1/ops/**")).hasAuthority(OPS)
                        // Synchronisation runs, their reports and the master-data conflicts: operations' business.
                        .requestMatchers(path("/api/v1/sync/**")).hasAuthority(OPS)
                        .requestMatchers(path("/engine-rest/**")).hasAuthority(OPS)
                        .requestMatchers(path("/actuator/health/**"), path("/actuator/health"), path("/actuator/info"))
                        .permitAll()
                        .requestMatchers(path("/actuator/**")).hasAuthority(OPS)
                        // A new endpoint stays closed until it gets its role above.
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webapps(HttpSecurity http, @Value("${ordergate.sandbox.enabled:false}") boolean sandbox,
                                ClientRegistrationRepository registrations,
                                OAuth2AuthorizedClientRepository authorizedClients) throws Exception {
        return http
                .authorizeHttpRequests(requests -> {
                    if (sandbox) {
                        // The simulated peers stand in for other systems, which carry their own credentials.
                        requests.requestMatchers(path("/sandbox/**")).permitAll();
                    }
                    requests.requestMatchers(path("/error")).permitAll().anyRequest().authenticated();
                })
                .oauth2Login(withDefaults())
                // Sessions end with Keycloak's (WebappSessions): logout is POST only and ends the Keycloak session too.
                .logout(logout -> logout.logoutRequestMatcher(path(HttpMethod.POST, "/logout"))
                        .logoutSuccessHandler(WebappSessions.logoutAtKeycloak(registrations)))
                .oidcLogout(logout -> logout.backChannel(withDefaults()))
                .addFilterBefore(WebappSessions.endWithToken(registrations, authorizedClients), AuthorizationFilter.class)
                // Camunda's own CSRF filter guards the webapps' API (/camunda/api/**); a second one would refuse
                // the token the webapps send.
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    ChannelAccess tokenChannel() {
        return channel -> {
            if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
                return false;
            }
            boolean operator = token.getAuthorities().stream().anyMatch(a -> OPS.equals(a.getAuthority()));
            return operator || (channel != null && channel.equals(token.getToken().getClaimAsString(CHANNEL_CLAIM)));
        };
    }

    static JwtAuthenticationConverter realmRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(KeycloakSecurity::realmRoles);
        return converter;
    }

    static Collection<GrantedAuthority> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream().map(String::valueOf).<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
