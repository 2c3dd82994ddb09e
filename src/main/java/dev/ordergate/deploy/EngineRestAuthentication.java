package dev.ordergate.deploy;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * /engine-rest asks for the engine's users with basic auth (Camunda's own filter, STACK.md pitfall 1), and a
 * deployment through it (Camunda Modeler's deploy dialog) needs one of {@code ordergate.deploy.groups}. Kept to this
 * one class so the Keycloak work can replace it with {@code ordergate.deploy.engine-rest-basic-auth=false}.
 */
@Configuration
@EnableConfigurationProperties(DeployProperties.class)
@ConditionalOnProperty(name = "ordergate.deploy.engine-rest-basic-auth", havingValue = "true", matchIfMissing = true)
// With Keycloak, engine-rest takes bearer tokens (security.KeycloakSecurity) instead of basic auth.
@org.springframework.context.annotation.Profile("!keycloak")
class EngineRestAuthentication {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestBasicAuth() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> engineRestDeployersOnly(IdentityService identity, DeployProperties properties) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new DeployersOnly(identity, properties));
        registration.addUrlPatterns("/engine-rest/deployment/*", "/engine-rest/engine/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }

    /** Runs inside the authentication filter's chain, where the engine knows the caller and their groups. */
    static final class DeployersOnly implements Filter {

        private final IdentityService identity;
        private final DeployProperties properties;

        DeployersOnly(IdentityService identity, DeployProperties properties) {
            this.identity = identity;
            this.properties = properties;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            if ("POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/deployment/create")) {
                Authentication caller = identity.getCurrentAuthentication();
                boolean allowed = caller != null && caller.getGroupIds() != null
                        && caller.getGroupIds().stream().anyMatch(properties.groups()::contains);
                if (!allowed) {
                    HttpServletResponse response = (HttpServletResponse) res;
                    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                    response.setContentType("application/json");
                    response.getWriter().write("{\"type\":\"AuthorizationException\",\"message\":\"Deploying needs one of the groups "
                            + properties.groups() + "\"}");
                    return;
                }
            }
            chain.doFilter(req, res);
        }
    }
}
