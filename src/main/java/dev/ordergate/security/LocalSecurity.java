package dev.ordergate.security;

import dev.ordergate.web.ChannelAccess;
import dev.ordergate.web.RegionAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The embedded default: the API is open (as before security existed) and the Camunda webapps keep their own login
 * with the demo user. Fit for a laptop, never for a shared machine: it runs only when asked for with
 * {@code ordergate.local-mode=true} and listens on loopback unless told otherwise ({@link SecureMode}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + KeycloakSecurity.PROFILE)
class LocalSecurity {

    private static final Logger log = LoggerFactory.getLogger(LocalSecurity.class);

    @Bean
    SecurityFilterChain localMode(HttpSecurity http) throws Exception {
        // Camunda's own CSRF filter and login protect the webapps; the API takes no cookies, so no CSRF here.
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    ChannelAccess everyChannel() {
        return channel -> true;
    }

    /** Local mode has no operator roles, so no regional scoping either: every caller operates every region. */
    @Bean
    RegionAccess everyRegion() {
        return java.util.Optional::empty;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        log.warn("SECURITY IN LOCAL MODE: the API accepts every caller without a token and the Camunda webapps use "
                + "the demo user demo/demo (ordergate.local-mode=true). Start with SPRING_PROFILES_ACTIVE=keycloak for OAuth2 "
                + "and Keycloak SSO; docs/security.md.");
    }
}
