package dev.ordergate.invoicing;

/** Whether the customer has paid what was invoiced. */
public interface Payments {

    PaymentState paymentState(String businessKey);
}
