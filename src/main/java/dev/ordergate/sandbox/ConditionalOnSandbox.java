package dev.ordergate.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Every sandbox bean exists only while {@code ordergate.sandbox.enabled=true}; a simulated peer's beans also only
 * while its own switch {@code ordergate.sandbox.<peer>.enabled} is on (the default), so one peer can be real while
 * the others stay simulated (a real Odoo with the simulated credit, tax and WMS is how most people start).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Conditional(SandboxCondition.class)
@interface ConditionalOnSandbox {

    /** The simulated peer ({@code odoo}, {@code credit}, {@code tax}, {@code wms}, {@code mdm}, {@code pricing}); empty for the sandbox's own parts. */
    String value() default "";
}
