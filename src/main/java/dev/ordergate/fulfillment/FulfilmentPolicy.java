package dev.ordergate.fulfillment;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The distributor's fulfilment choices the BPMN asks about ({@code ${fulfilmentPolicy.invoicePerShipment(execution)}}):
 * whether a channel's orders get one invoice per shipment or one at the end, and how long a backorder may wait for
 * stock before what is left is cancelled.
 */
@Component("fulfilmentPolicy")
@ConfigurationProperties("ordergate.fulfilment")
public class FulfilmentPolicy {

    public enum Invoicing { PER_SHIPMENT, AT_END }

    private Invoicing invoicing = Invoicing.AT_END;
    private Map<String, Invoicing> channelInvoicing = new HashMap<>();
    private Duration backorderExpiresAfter = Duration.ofDays(30);

    /** True when the order's channel is invoiced after each shipment rather than once at the end. */
    public boolean invoicePerShipment(DelegateExecution execution) {
        String channel = execution.getProcessBusinessKey().substring(0, execution.getProcessBusinessKey().indexOf(':'));
        return channelInvoicing.getOrDefault(channel, invoicing) == Invoicing.PER_SHIPMENT;
    }

    public Invoicing getInvoicing() {
        return invoicing;
    }

    public void setInvoicing(Invoicing invoicing) {
        this.invoicing = invoicing;
    }

    public Map<String, Invoicing> getChannelInvoicing() {
        return channelInvoicing;
    }

    public void setChannelInvoicing(Map<String, Invoicing> channelInvoicing) {
        this.channelInvoicing = channelInvoicing;
    }

    public Duration getBackorderExpiresAfter() {
        return backorderExpiresAfter;
    }

    public void setBackorderExpiresAfter(Duration backorderExpiresAfter) {
        this.backorderExpiresAfter = backorderExpiresAfter;
    }
}
