package dev.ordergate.sandbox;

import java.io.IOException;
import java.util.List;

import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The simulated Odoo on a port of its own ({@code ordergate.sandbox.odoo.port}), at Odoo's own paths
 * ({@code /jsonrpc}, {@code /json/2/...}, {@code /web/...}), because third-party Odoo clients such as odoorpc take a
 * host and a port and cannot be given a path prefix. That port answers nothing but those paths, so it never exposes
 * Ordergate's API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox("odoo")
@ConditionalOnClass(Connector.class)
@ConditionalOnProperty(prefix = "ordergate.sandbox.odoo", name = "port")
class SandboxOdooPort {

    private static final Logger log = LoggerFactory.getLogger(SandboxOdooPort.class);
    static final String PREFIX = "/sandbox/odoo";
    private static final List<String> ODOO_PATHS = List.of("/jsonrpc", "/json/", "/web/");

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> sandboxOdooConnector(SandboxProperties properties) {
        return factory -> {
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(properties.odoo().port());
            factory.addAdditionalTomcatConnectors(connector);
            log.info("Sandbox Odoo also listens on port {} at Odoo's own paths (for odoorpc and other Odoo clients)",
                    properties.odoo().port());
        };
    }

    /** Runs before security: a request on the Odoo port is forwarded to the sandbox's path, where security sees it. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sandboxOdooPaths(SandboxProperties properties) {
        int port = properties.odoo().port();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getLocalPort() != port) {
                    chain.doFilter(request, response);
                    return;
                }
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (ODOO_PATHS.stream().anyMatch(path::startsWith)) {
                    request.getRequestDispatcher(PREFIX + path).forward(request, response);
                } else {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
