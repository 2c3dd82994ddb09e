package dev.ordergate.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Decides, before any bean exists, which of the two security modes a node runs in, and refuses to start when neither
 * was asked for or when the secure one would run on demo secrets. The keycloak profile is the secure mode; local mode
 * (everything open, the webapps' demo user) runs only when {@code ordergate.local-mode=true}
 * ({@code ORDERGATE_LOCAL_MODE=true}), which only {@code mvn spring-boot:run} and the tests set, never the jar's
 * defaults or the Helm chart, and then listens on the loopback interface unless {@code server.address} says otherwise.
 * Registered in META-INF/spring.factories; runs after the configuration files are read.
 */
public class SecureMode implements EnvironmentPostProcessor, Ordered {

    static final String LOCAL_MODE = "ordergate.local-mode";

    /** The throwaway values the shipped realm file, application.yml and the README publish. */
    static final Set<String> DEMO_VALUES = Set.of("camunda-identity-service-demo-secret", "ordergate-webapps-demo-secret",
            "sandbox-admin-key", "sandbox-webhook-secret", "admin", "demo");

    /** The secrets a keycloak-mode node needs, by setting, with the environment variable that sets each. */
    static final Map<String, String> SECRETS = Map.of(
            "ordergate.security.keycloak.identity-client-secret", "KEYCLOAK_IDENTITY_CLIENT_SECRET",
            "spring.security.oauth2.client.registration.keycloak.client-secret", "KEYCLOAK_WEBAPPS_CLIENT_SECRET",
            "ordergate.odoo.api-key", "ODOO_API_KEY");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of(KeycloakSecurity.PROFILE))) {
            List<String> problems = weakSecrets(environment);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Refusing to start in keycloak mode: " + String.join("; ", problems)
                        + ". Pass each secret through the environment (a Kubernetes Secret in the Helm chart); "
                        + "see docs/security.md.");
            }
            return;
        }
        if (!environment.getProperty(LOCAL_MODE, Boolean.class, false)) {
            throw new IllegalStateException("Refusing to start without a security mode: activate the keycloak profile "
                    + "(SPRING_PROFILES_ACTIVE=keycloak, the secure mode for every shared deployment) or ask for the "
                    + "open local mode explicitly with ordergate.local-mode=true (ORDERGATE_LOCAL_MODE=true, a laptop "
                    + "only); see docs/security.md.");
        }
        if (!environment.containsProperty("server.address")) {
            // Last, so any configured server.address (file, environment, command line) wins.
            environment.getPropertySources().addLast(new MapPropertySource("ordergate-local-mode",
                    Map.of("server.address", "127.0.0.1")));
        }
    }

    /** Every secret that is missing or still a demo value, named by its setting; empty when all are real. */
    static List<String> weakSecrets(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> secrets = new TreeMap<>();
        SECRETS.forEach((setting, variable) -> secrets.put(setting + " (" + variable + ")", environment.getProperty(setting)));
        binder.bind("ordergate.status-events.channels", Bindable.mapOf(String.class, Channel.class))
                .orElse(Map.of())
                .forEach((name, channel) -> secrets.put("ordergate.status-events.channels." + name + ".secret",
                        channel.secret()));
        List<String> problems = new ArrayList<>();
        secrets.forEach((setting, value) -> {
            if (value == null || value.isBlank()) {
                problems.add(setting + " is missing");
            } else if (DEMO_VALUES.contains(value) || value.endsWith("-demo-secret")) {
                problems.add(setting + " still has its demo value");
            }
        });
        return problems;
    }

    record Channel(String url, String secret) {
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
