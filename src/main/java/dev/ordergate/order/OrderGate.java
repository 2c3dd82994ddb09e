package dev.ordergate.order;

/**
 * A gate added without drawing: a policy bean that a row of {@code bpmn/order-gates.dmn} names by its {@link #id()}.
 * The order passes it after the five drawn gates, in the diagram {@code further-gates}; an exception goes to the one
 * gate review (exception-review) of the group {@code reviewer-routing.dmn} names for the id, whose reviewer accepts
 * it, has it checked again or rejects the order. README "For analysts" walks through adding one.
 */
public interface OrderGate {

    /** The gate as the decision tables name it, e.g. {@code restricted-products}. */
    String id();

    /** The gate as a reviewer reads it in the task name, e.g. {@code restricted products}. */
    String title();

    /** Pass, a review with the facts the reviewer needs, or a rejection by rule. */
    Verdict check(Order order);
}
