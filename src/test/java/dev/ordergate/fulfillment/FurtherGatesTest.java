package dev.ordergate.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordergate.order.Order;
import dev.ordergate.order.OrderGate;
import dev.ordergate.order.Verdict;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** How further-gates reads the gates it was given, and a row of order-gates.dmn that names no bean. No Spring. */
class FurtherGatesTest {

    private static final OrderGate RESTRICTED = new OrderGate() {
        @Override
        public String id() {
            return "restricted-products";
        }

        @Override
        public String title() {
            return "restricted products";
        }

        @Override
        public Verdict check(Order order) {
            throw new AssertionError("not reached");
        }
    };

    private final FurtherGates gates = new FurtherGates(null, null, null, List.of(RESTRICTED), null);

    @Test
    void theGatesKeptAtTheStartAreTheCollectionInTheirOrder() {
        assertThat(gates.of(execution(Map.of("furtherGateIds", "restricted-products,export-licence"))))
                .containsExactly("restricted-products", "export-licence");
        assertThat(gates.of(execution(Map.of("furtherGateIds", "")))).as("no row matched").isEmpty();
        assertThat(gates.of(execution(Map.of()))).as("started without a decision").isEmpty();
    }

    @Test
    void aRowNamingNoBeanStopsTheJobWithAnErrorThatNamesTheGateAndTheKnownOnes() {
        assertThatThrownBy(() -> gates.check(execution(Map.of("gate", "export-licence"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'export-licence'").hasMessageContaining("[restricted-products]");
    }

    /** An execution that answers getVariable from the map; anything else is not expected here. */
    private static DelegateExecution execution(Map<String, Object> variables) {
        return (DelegateExecution) Proxy.newProxyInstance(FurtherGatesTest.class.getClassLoader(),
                new Class<?>[] {DelegateExecution.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getVariable")) {
                        return variables.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
