package dev.ordergate.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the rate limits on the machine interfaces, in both security modes. */
@Configuration(proxyBeanMethods = false)
class RateLimitFilter {

    @Bean
    FilterRegistrationBean<RateLimits> rateLimits(RateLimitProperties settings, ObjectMapper json) {
        FilterRegistrationBean<RateLimits> registration = new FilterRegistrationBean<>(new RateLimits(settings, json));
        registration.addUrlPatterns("/api/*", "/engine-rest/*");
        // Right after Spring Security, which has resolved the caller's token by then: the key is the client.
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
