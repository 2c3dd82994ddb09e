package dev.ordergate;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Capabilities stay packages with one-way dependencies and no reaching into each other's insides. */
class ModularityTest {

    @Test
    void capabilityPackagesHaveNoCyclesAndUseOnlyEachOthersApi() {
        ApplicationModules.of(OrdergateApplication.class).verify();
    }
}
