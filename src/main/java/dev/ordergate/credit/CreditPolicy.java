package dev.ordergate.credit;

/** The credit policy's bands: which standing is approved, held for a credit controller, or rejected. */
public interface CreditPolicy {

    Outcome decide(boolean blocked, boolean hasOverdue, double utilisation);

    enum Outcome { APPROVE, HOLD, REJECT }
}
