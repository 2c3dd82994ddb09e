package dev.ordergate.credit;

/** Whoever knows a customer's credit (finance's credit service or Odoo). */
public interface CreditAuthority {

    CreditStanding standing(String customerRef);
}
