package dev.ordergate.credit;

import java.util.Optional;

/** Whoever knows a customer's credit (finance's credit service or Odoo). */
public interface CreditAuthority {

    /** The customer's standing, or empty when the authority does not know the customer. */
    Optional<CreditStanding> standing(String customerRef);
}
