package dev.ordergate.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Every sandbox bean exists only while {@code ordergate.sandbox.enabled=true}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@ConditionalOnProperty(prefix = "ordergate.sandbox", name = "enabled", havingValue = "true")
@interface ConditionalOnSandbox {
}
