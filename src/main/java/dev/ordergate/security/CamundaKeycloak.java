package dev.ordergate.security;

import dev.ordergate.region.RegionProperties;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Camunda with Keycloak (keycloak profile only, STACK.md pitfall 6): Keycloak's users and groups are Camunda's
 * (group ids are the group names, so a BPMN candidate group {@code pricing-stewards} is the Keycloak group of that
 * name), the webapps take the OIDC login, and authorizations are on.
 */
@Configuration(proxyBeanMethods = false)
@Profile(KeycloakSecurity.PROFILE)
class CamundaKeycloak {

    static final String ADMINS = "admins";

    @Bean
    KeycloakIdentityProviderPlugin keycloakIdentityProvider(KeycloakProperties keycloak) {
        KeycloakIdentityProviderPlugin plugin = new KeycloakIdentityProviderPlugin();
        plugin.setKeycloakIssuerUrl(keycloak.issuer());
        plugin.setKeycloakAdminUrl(keycloak.adminApi());
        plugin.setClientId(keycloak.identityClientId());
        plugin.setClientSecret(keycloak.identityClientSecret());
        plugin.setUseUsernameAsCamundaUserId(true);
        plugin.setUseGroupPathAsCamundaGroupId(true);
        plugin.setEnforceSubgroupsInGroupQuery(true);
        plugin.setCacheEnabled(true);
        return plugin;
    }

    /** Admins may do everything, including the Admin webapp; nobody else gets the Admin webapp. */
    @Bean
    ProcessEnginePlugin administrators() {
        AdministratorAuthorizationPlugin plugin = new AdministratorAuthorizationPlugin();
        plugin.setAdministratorGroupName(ADMINS);
        return plugin;
    }

    /** Tasklist for every region's reviewer groups (ordergate.regions.*.reviewer-groups), Cockpit for the others. */
    @Bean
    ProcessEnginePlugin groupAuthorizations(RegionProperties regions) {
        return new GroupAuthorizations(GroupAuthorizations.reviewersOf(regions));
    }

    /** engine-rest as the token's user, so Camunda's authorizations apply (see {@link EngineRestIdentity}). */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestIdentity() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                EngineRestIdentity.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        // After Spring Security's chain, which has checked the bearer token by then.
        registration.setOrder(201);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappLogin() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", WebappAuthentication.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        // After Spring Security's chain, which has put the OIDC login into the security context by then.
        registration.setOrder(201);
        return registration;
    }
}
