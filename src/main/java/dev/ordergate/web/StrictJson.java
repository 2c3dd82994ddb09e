package dev.ordergate.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON is read as the schema says: a string field takes only a string, a number field only a number, a boolean
 * only true or false, a date only an ISO string. Jackson's defaults coerce ({@code "channel": 12345} became
 * "12345", {@code "requestedDate": 20261203} a day in 57,000 AD), which made the published contract a lie.
 * Everything this node reads with Spring's mapper (our API, and what the peers' clients decode) is held to this;
 * the peers' contracts say the same types.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictScalars() {
        return builder -> builder
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .postConfigurer(mapper -> {
                    for (CoercionInputShape shape : new CoercionInputShape[] {
                            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
                        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
                    }
                    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
                        mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    }
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                    // Dates and times only as ISO strings: a number is not read as epoch days or milliseconds.
                    mapper.setDefaultLeniency(false);
                    mapper.configOverride(java.time.LocalDate.class)
                            .setFormat(JsonFormat.Value.forLeniency(false));
                });
    }

    /** A bean, so Boot registers it beside its own modules (modulesToInstall on the builder would replace them). */
    @Bean
    SimpleModule isoStringsOnly() {
        return new SimpleModule("iso-strings-only").setDeserializerModifier(new IsoStringsOnly());
    }

    /** java.time values only from strings: the JSR-310 module also reads [2026, 12, 3] and numbers as dates. */
    static final class IsoStringsOnly extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return "java.time".equals(description.getBeanClass().getPackageName())
                    ? new StringsOnly(deserializer) : deserializer;
        }
    }

    static final class StringsOnly extends DelegatingDeserializer {

        StringsOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new StringsOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p.currentToken(), p,
                        "expected an ISO-8601 string");
            }
            return _delegatee.deserialize(p, ctxt);
        }
    }
}
