package dev.ordergate.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ReviewInputFilterRegistration {

    @Bean
    FilterRegistrationBean<ReviewInputFilter> reviewInputFilter(ReviewInputs inputs, ObjectMapper json,
                                                                 org.camunda.bpm.engine.IdentityService identities) {
        FilterRegistrationBean<ReviewInputFilter> registration =
                new FilterRegistrationBean<>(new ReviewInputFilter(inputs, json, identities));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // Last, after the security filters and Camunda's own authentication and CSRF filters (which the webapp starter
        // registers without an order): a caller who may not complete the task is refused for that, not told what
        // the form wants.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        registration.setMatchAfter(true);
        return registration;
    }
}
