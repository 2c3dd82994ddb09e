package dev.ordergate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Each simulated peer has its own switch beneath the master switch: a real Odoo with the simulated credit and tax. */
class SandboxSwitchesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SandboxProperties.class)
    @Import({SandboxFaults.class, SandboxOdoo.class, OdooJsonRpcController.class, OdooJson2Controller.class,
            SimulatedCreditController.class, SimulatedTaxController.class})
    static class Peers {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Peers.class);

    @Test
    void withTheMasterSwitchOnEveryPeerIsSimulated() {
        runner.withPropertyValues("ordergate.sandbox.enabled=true").run(context -> assertThat(context)
                .hasSingleBean(SandboxOdoo.class).hasSingleBean(OdooJsonRpcController.class)
                .hasSingleBean(SimulatedCreditController.class).hasSingleBean(SimulatedTaxController.class));
    }

    @Test
    void aRealOdooKeepsTheSimulatedCreditAndTaxServices() {
        runner.withPropertyValues("ordergate.sandbox.enabled=true", "ordergate.sandbox.odoo.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(SandboxOdoo.class).doesNotHaveBean(OdooJsonRpcController.class)
                        .doesNotHaveBean(OdooJson2Controller.class)
                        .hasSingleBean(SimulatedCreditController.class).hasSingleBean(SimulatedTaxController.class));
    }

    @Test
    void aPeerSwitchedOffLeavesOnlyThatPeerReal() {
        runner.withPropertyValues("ordergate.sandbox.enabled=true", "ordergate.sandbox.tax.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(SandboxOdoo.class)
                        .hasSingleBean(SimulatedCreditController.class).doesNotHaveBean(SimulatedTaxController.class));
    }

    @Test
    void theMasterSwitchOffWinsOverEveryPeerSwitch() {
        runner.withPropertyValues("ordergate.sandbox.enabled=false", "ordergate.sandbox.odoo.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(SandboxOdoo.class)
                        .doesNotHaveBean(SimulatedCreditController.class).doesNotHaveBean(SandboxFaults.class));
    }
}
