package dev.ordergate.fulfillment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How often and how far apart a failed call to each peer is retried before it becomes an incident, as ISO 8601
 * repetitions the BPMN reads: {@code camunda:failedJobRetryTimeCycle="${retries.odoo}"}. A bean rather than a
 * record because the BPMN needs it under a short name.
 */
@Component("retries")
@ConfigurationProperties("ordergate.retries")
public class RetryProfiles {

    private String odoo = "R5/PT30S";
    private String credit = "R5/PT10S";
    private String tax = "R5/PT10S";
    private String wms = "R5/PT30S";

    public String getOdoo() {
        return odoo;
    }

    public void setOdoo(String odoo) {
        this.odoo = odoo;
    }

    public String getCredit() {
        return credit;
    }

    public void setCredit(String credit) {
        this.credit = credit;
    }

    public String getTax() {
        return tax;
    }

    public void setTax(String tax) {
        this.tax = tax;
    }

    public String getWms() {
        return wms;
    }

    public void setWms(String wms) {
        this.wms = wms;
    }
}
