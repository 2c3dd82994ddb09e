package dev.ordergate.sandbox;

import java.util.Map;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The master switch {@code ordergate.sandbox.enabled} (off unless set) and the peer's own switch (on unless set). */
final class SandboxCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (!context.getEnvironment().getProperty("ordergate.sandbox.enabled", Boolean.class, false)) {
            return false;
        }
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSandbox.class.getName());
        String peer = attributes == null ? "" : String.valueOf(attributes.get("value"));
        return peer.isEmpty()
                || context.getEnvironment().getProperty("ordergate.sandbox." + peer + ".enabled", Boolean.class, true);
    }
}
