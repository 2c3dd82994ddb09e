package dev.ordergate.order;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** Line references identify lines in reviews and shipments, so they must not repeat within an order. */
@Target({ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UniqueLineRefs.Validator.class)
@interface UniqueLineRefs {

    String message() default "line references must be unique within the order";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<UniqueLineRefs, List<OrderLine>> {

        @Override
        public boolean isValid(List<OrderLine> lines, ConstraintValidatorContext context) {
            if (lines == null) {
                return true;
            }
            var seen = new HashSet<String>();
            return lines.stream().filter(Objects::nonNull).map(OrderLine::lineRef).filter(Objects::nonNull)
                    .allMatch(seen::add);
        }
    }
}
