-- EDI trading partners (issue 18). An interchange is kept once it is accepted, keyed by its sender and control
-- number so a resent one is answered with its first acknowledgement; a rejected one leaves nothing here.
CREATE TABLE edi_interchanges (
    id              VARCHAR(36)   PRIMARY KEY,
    partner         VARCHAR(64)   NOT NULL,
    sender          VARCHAR(35)   NOT NULL,
    control_number  VARCHAR(14)   NOT NULL,
    standard        VARCHAR(8)    NOT NULL,
    -- What our documents about its orders are written in: the partner's syntax (00401, UNOA:2 ...), qualifier and
    -- message version (004010, D.96A ...).
    syntax_version  VARCHAR(16)   NOT NULL,
    sender_qualifier VARCHAR(4)   NOT NULL,
    message_version VARCHAR(16)   NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX edi_interchanges_sender_control_uk ON edi_interchanges (sender, control_number);

-- Which order each purchase order of an interchange became.
CREATE TABLE edi_orders (
    interchange_id  VARCHAR(36)   NOT NULL,
    po_number       VARCHAR(128)  NOT NULL,
    order_id        VARCHAR(36)   NOT NULL,
    PRIMARY KEY (interchange_id, po_number)
);

CREATE INDEX edi_orders_order_idx ON edi_orders (order_id);

-- Our control numbers, per partner: the last one used, taken under the row's lock, never handed out twice.
CREATE TABLE edi_control_numbers (
    partner         VARCHAR(64)   PRIMARY KEY,
    last_used       BIGINT        NOT NULL
);

-- Every document we sent a partner: acknowledgements (997, 999, CONTRL) and outbound documents (855/ORDRSP,
-- 856/DESADV, 810/INVOIC), as sent.
CREATE TABLE edi_documents (
    id              VARCHAR(36)   PRIMARY KEY,
    partner         VARCHAR(64)   NOT NULL,
    interchange_id  VARCHAR(36),
    order_id        VARCHAR(36),
    type            VARCHAR(16)   NOT NULL,
    control_number  BIGINT        NOT NULL,
    content         TEXT          NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX edi_documents_interchange_idx ON edi_documents (interchange_id);
CREATE INDEX edi_documents_order_idx ON edi_documents (order_id);

-- Each interchange we send carries its own control number: the database refuses a second use.
CREATE UNIQUE INDEX edi_documents_partner_control_uk ON edi_documents (partner, control_number);
