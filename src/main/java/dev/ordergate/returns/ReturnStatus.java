package dev.ordergate.returns;

/** Where a return stands. A refused return gives its quantities back: they may be returned again. */
enum ReturnStatus {
    REQUESTED,
    AWAITING_APPROVAL,
    REFUSED,
    APPROVED,
    AWAITING_GOODS,
    RECEIVED,
    CREDITED
}
