package dev.ordergate.sandbox;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated peers. Each peer has its own switch beneath the master switch (read by
 * {@link SandboxCondition}), so a real Odoo can be tried with the simulated credit, tax and WMS.
 *
 * @param enabled whether the sandbox controllers exist at all (the master switch)
 * @param wms     how the simulated warehouse confirms shipments
 * @param odoo    which Odoo version the simulated Odoo is
 * @param credit  the simulated credit service
 * @param tax     the simulated tax service
 * @param mdm     the simulated master-data hub
 * @param pricing the simulated pricing engine
 */
@ConfigurationProperties("ordergate.sandbox")
record SandboxProperties(boolean enabled, @DefaultValue Wms wms, @DefaultValue Odoo odoo, @DefaultValue Peer credit,
                         @DefaultValue Peer tax, @DefaultValue Peer mdm, @DefaultValue Peer pricing) {

    /** @param enabled whether this simulated peer is served (while the master switch is on) */
    record Peer(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param enabled whether the simulated Odoo is served (while the master switch is on); off with a real Odoo
     * @param version the Odoo major version simulated: 18 (JSON-RPC) or 19 (JSON-2 and JSON-RPC)
     * @param port    a port of its own where the simulated Odoo answers at Odoo's paths (for odoorpc and other Odoo
     *                clients, which take a host and port but no path); none unless set
     */
    record Odoo(@DefaultValue("true") boolean enabled, @DefaultValue("18") int version, Integer port) {
    }

    /**
     * @param enabled       whether the simulated WMS is served (while the master switch is on)
     * @param callbackUrl   base URL of our own API, where shipment confirmations are posted
     * @param shipmentDelay how long after a release the shipment is confirmed
     * @param autoShip      off in tests that want to decide themselves when (or whether) goods ship
     * @param maxAttempts   confirmation attempts before the warehouse gives up
     * @param retryBackoff  wait before the second attempt; doubles after each failure
     * @param autoReceiveReturns whether expected returns are received (and the receipt posted) by themselves
     * @param returnReceiptDelay how long after a return is announced its goods arrive
     */
    record Wms(
            @DefaultValue("true") boolean enabled,
            URI callbackUrl,
            @DefaultValue("PT1S") Duration shipmentDelay,
            @DefaultValue("true") boolean autoShip,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("PT1S") Duration retryBackoff,
            @DefaultValue("true") boolean autoReceiveReturns,
            @DefaultValue("PT2S") Duration returnReceiptDelay) {
    }
}
