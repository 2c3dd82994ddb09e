package dev.ordergate.edi;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Our EDI tables: accepted interchanges, the orders their POs became, control numbers and the documents we sent. */
@Repository
class EdiStore {

    record Document(String id, String partner, String interchangeId, String orderId, String type, long controlNumber,
                    String content, OffsetDateTime createdAt) {
    }

    record Received(String interchangeId, String poNumber, String orderId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    EdiStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The next control number for documents to this partner; the row lock makes two callers get two numbers. */
    long nextControlNumber(String partner) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = jdbc.sql("UPDATE app.edi_control_numbers SET last_used = last_used + 1 WHERE partner = :p")
                    .param("p", partner).update();
            if (updated == 0) {
                try {
                    jdbc.sql("INSERT INTO app.edi_control_numbers (partner, last_used) VALUES (:p, 1)")
                            .param("p", partner).update();
                    return 1;
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            return jdbc.sql("SELECT last_used FROM app.edi_control_numbers WHERE partner = :p").param("p", partner)
                    .query(Long.class).single();
        }
        throw new IllegalStateException("No control number for " + partner);
    }

    /** Records an accepted interchange; a DuplicateKeyException says another request stored the same one first. */
    String insertInterchange(String partner, Interchange in) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO app.edi_interchanges (id, partner, sender, control_number, standard, syntax_version,
                                                  sender_qualifier, message_version, received_at)
                VALUES (:id, :partner, :sender, :control, :standard, :syntax, :qualifier, :version, :now)
                """).param("id", id).param("partner", partner).param("sender", in.sender())
                .param("control", in.controlNumber()).param("standard", in.standard().name())
                .param("syntax", in.syntaxVersion()).param("qualifier", in.senderQualifier())
                .param("version", in.messages().isEmpty() ? "" : in.messages().get(0).version())
                .param("now", OffsetDateTime.now(clock)).update();
        return id;
    }

    Optional<String> interchangeFrom(String sender, String controlNumber) {
        return jdbc.sql("SELECT id FROM app.edi_interchanges WHERE sender = :sender AND control_number = :control")
                .param("sender", sender).param("control", controlNumber).query(String.class).optional();
    }

    void linkOrder(String interchangeId, String poNumber, String orderId) {
        jdbc.sql("INSERT INTO app.edi_orders (interchange_id, po_number, order_id) VALUES (:i, :po, :order)")
                .param("i", interchangeId).param("po", poNumber).param("order", orderId).update();
    }

    List<Received> ordersOf(String interchangeId) {
        return jdbc.sql("SELECT interchange_id, po_number, order_id FROM app.edi_orders WHERE interchange_id = :i ORDER BY po_number")
                .param("i", interchangeId)
                .query((rs, n) -> new Received(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The partner an order came from, in the syntax and version it wrote; empty for an order that came otherwise. */
    record Origin(String interchangeId, String partner, String poNumber, Interchange.Standard standard,
                  String syntaxVersion, String partnerId, String partnerQualifier, String messageVersion) {
    }

    Optional<Origin> originOf(String orderId) {
        return jdbc.sql("""
                SELECT i.id, i.partner, o.po_number, i.standard, i.syntax_version, i.sender, i.sender_qualifier,
                       i.message_version
                  FROM app.edi_orders o JOIN app.edi_interchanges i ON i.id = o.interchange_id
                 WHERE o.order_id = :o
                """).param("o", orderId)
                .query((rs, n) -> new Origin(rs.getString(1), rs.getString(2), rs.getString(3),
                        Interchange.Standard.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8)))
                .optional();
    }

    Document saveDocument(String partner, String interchangeId, String orderId, String type, long controlNumber,
                          String content) {
        Document document = new Document(UUID.randomUUID().toString(), partner, interchangeId, orderId, type,
                controlNumber, content, OffsetDateTime.now(clock));
        jdbc.sql("""
                INSERT INTO app.edi_documents (id, partner, interchange_id, order_id, type, control_number, content, created_at)
                VALUES (:id, :partner, :interchange, :order, :type, :control, :content, :at)
                """).param("id", document.id()).param("partner", partner).param("interchange", interchangeId)
                .param("order", orderId).param("type", type).param("control", controlNumber).param("content", content)
                .param("at", document.createdAt()).update();
        return document;
    }

    Optional<Document> acknowledgementOf(String interchangeId) {
        return documents("interchange_id = :key AND order_id IS NULL", interchangeId).stream().findFirst();
    }

    /** The order's documents: the acknowledgement of the interchange it came in, then what we sent about it. */
    List<Document> documentsOfOrder(String orderId) {
        return documents("""
                order_id = :key OR (order_id IS NULL AND interchange_id IN
                    (SELECT interchange_id FROM app.edi_orders WHERE order_id = :key))""", orderId);
    }

    boolean hasDocument(String orderId, String type) {
        return jdbc.sql("SELECT COUNT(*) FROM app.edi_documents WHERE order_id = :o AND type = :t")
                .param("o", orderId).param("t", type).query(Long.class).single() > 0;
    }

    private List<Document> documents(String where, String key) {
        return jdbc.sql("""
                SELECT id, partner, interchange_id, order_id, type, control_number, content, created_at
                  FROM app.edi_documents WHERE %s ORDER BY created_at, control_number
                """.formatted(where)).param("key", key)
                .query((rs, n) -> new Document(rs.getString("id"), rs.getString("partner"),
                        rs.getString("interchange_id"), rs.getString("order_id"), rs.getString("type"),
                        rs.getLong("control_number"), rs.getString("content"),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }
}
