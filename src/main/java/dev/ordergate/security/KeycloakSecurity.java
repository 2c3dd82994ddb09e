package dev.ordergate.security;

import static org.springframework.security.config.Customizer.withDefaults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.region.Regions;
import dev.ordergate.web.ChannelAccess;
import dev.ordergate.web.RegionAccess;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
    /** An operator of one region only ({@code ops-eu}): that region's orders and incidents through the ops API. */
    static final String REGIONAL_OPS_PREFIX = "ops-";
    static final String REVIEWER = "reviewer";
    /** Deploys process models, decision tables and forms (analysts, admins): only through the ops API. */
    static final String DEPLOY = "model-deploy";
    static final String EDI = "edi-gateway";

    static final String CHANNEL_CLAIM = "channel";

    @Bean
    @Order(1)
    SecurityFilterChain machineInterfaces(HttpSecurity http, ObjectMapper json, Regions regions) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        // Every operator, of all regions or of one: what the ops API and the order reads scope by region themselves
        // and their region's synchronisation runs (web.RegionAccess). Everything else an operator does (engine-rest,
        // reports, deployments) stays ops'.
        String[] operators = java.util.stream.Stream.concat(java.util.stream.Stream.of(OPS),
                regions.ids().stream().sorted().map(id -> REGIONAL_OPS_PREFIX + id)).toArray(String[]::new);
        return http
                .securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"), path("/actuator/**"),
                        path("/sandbox/**"), path("/v3/api-docs"), path("/v3/api-docs/**"), path("/swagger-ui.html"),
                        path("/swagger-ui/**")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/orders")).hasAuthority(SUBMIT)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/orders")).hasAnyAuthority(operators)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/orders/*")).hasAnyAuthority(withRead(operators))
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/orders/*/invoices")).hasAnyAuthority(READ, OPS)
                        // The cancellation and return endpoints (issue 5) are guarded here before they exist.
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/orders/*/cancellation")).hasAuthority(CANCEL)
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/returns")).hasAuthority(RETURN)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/returns/**")).hasAnyAuthority(RETURN, OPS)
                        // Returns (issue 5): a channel requests them on its order; the warehouse confirms receipts.
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/orders/*/returns")).hasAuthority(RETURN)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/orders/*/returns")).hasAnyAuthority(RETURN, OPS)
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/returns/*/receipts")).hasAuthority(SHIPMENTS)
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/shipments"), path(HttpMethod.POST, "/api/v1/shipments/**"))
                        .hasAuthority(SHIPMENTS)
                        .requestMatchers(path("/api/v1/reviews/**")).hasAuthority(REVIEWER)
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/inventory/events")).hasAuthority(SHIPMENTS)
                        // A region's operators start and read their region's runs (sync.RunRegions scopes them);
                        // the reports stay ops'.
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/sync/inventory"),
                                path(HttpMethod.POST, "/api/v1/sync/master-data"),
                                path(HttpMethod.POST, "/api/v1/sync/price-lists"),
                                path(HttpMethod.GET, "/api/v1/sync/runs/*"),
                                path(HttpMethod.GET, "/api/v1/sync/inventory/runs/*"),
                                path(HttpMethod.GET, "/api/v1/sync/inventory/drift"),
                                path(HttpMethod.GET, "/api/v1/sync/master-data/conflicts")).hasAnyAuthority(operators)
                        .requestMatchers(path("/api/v1/sync/**"), path("/api/v1/reports/**")).hasAuthority(OPS)
                        // One path for models, recorded in the deployment audit; engine-rest's is closed below.
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/ops/deployments")).hasAuthority(DEPLOY)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/ops/incidents"),
                                path(HttpMethod.POST, "/api/v1/ops/incidents/retry"),
                                path(HttpMethod.POST, "/api/v1/ops/incidents/*/retry"),
                                path(HttpMethod.GET, "/api/v1/ops/orders/*/story")).hasAnyAuthority(operators)
                        .requestMatchers(path("/api/v1/ops/**")).hasAuthority(OPS)
                        // Synchronisation runs, their reports and the master-data conflicts: operations' business.
                        .requestMatchers(path("/api/v1/sync/**")).hasAuthority(OPS)
                        .requestMatchers(path(HttpMethod.POST, "/engine-rest/deployment/**"),
                                path(HttpMethod.POST, "/engine-rest/engine/*/deployment/**"),
                                path(HttpMethod.DELETE, "/engine-rest/deployment/**"),
                                path(HttpMethod.DELETE, "/engine-rest/engine/*/deployment/**")).denyAll()
                        .requestMatchers(path("/engine-rest/**")).hasAuthority(OPS)
                        // The simulated peers (off unless ordergate.sandbox.enabled). Its Odoo authenticates as Odoo
                        // does, with the node's own API key (never the published one in this mode); every other
                        // simulated peer needs an operator's token like the rest of the node.
                        // The sandbox Odoo's call counts are the benchmark's, not an Odoo route.
                        .requestMatchers(path(HttpMethod.GET, "/sandbox/odoo/calls")).hasAuthority(OPS)
                        .requestMatchers(path("/sandbox/odoo/**")).permitAll()
                        .requestMatchers(path("/sandbox/**")).hasAuthority(OPS)
                        // EDI partners' interchanges come through the EDI gateway; their documents are its and ops'.
                        .requestMatchers(path(HttpMethod.POST, "/api/v1/edi/interchanges")).hasAuthority(EDI)
                        .requestMatchers(path(HttpMethod.GET, "/api/v1/edi/**")).hasAnyAuthority(EDI, OPS)
                        // The API's contract: for any caller of the API (every realm client holds a role here).
                        .requestMatchers(path("/v3/api-docs"), path("/v3/api-docs/**"), path("/swagger-ui.html"),
                                path("/swagger-ui/**"))
                        .authenticated()
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
    SecurityFilterChain webapps(HttpSecurity http, ClientRegistrationRepository registrations,
                                OAuth2AuthorizedClientRepository authorizedClients) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path("/error")).permitAll().anyRequest().authenticated())
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
        // The caller's name is the Keycloak user name, which is also the Camunda user id (the identity plugin's
        // useUsernameAsCamundaUserId): deployments run and are audited as "anna", not as a subject UUID.
        converter.setPrincipalClaimName(EngineRestIdentity.USER_NAME_CLAIM);
        return converter;
    }

    private static String[] withRead(String[] operators) {
        String[] roles = java.util.Arrays.copyOf(operators, operators.length + 1);
        roles[operators.length] = READ;
        return roles;
    }

    /** The regions of the token's regional operator roles; every region for the role {@code ops}. */
    @Bean
    RegionAccess tokenRegions(Regions regions) {
        return () -> {
            if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
                return java.util.Optional.of(java.util.Set.of());
            }
            java.util.Set<String> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .collect(java.util.stream.Collectors.toSet());
            if (roles.contains(OPS)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(regions.ids().stream().filter(id -> roles.contains(REGIONAL_OPS_PREFIX + id))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        };
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
