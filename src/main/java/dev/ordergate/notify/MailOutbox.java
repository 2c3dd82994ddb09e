package dev.ordergate.notify;

import dev.ordergate.order.Texts;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the mail outbox: each message is claimed, handed to SMTP and marked sent. A failed send is retried up to
 * {@code ordergate.notify.max-attempts} times and then left with its error for operators. Delivery is at least
 * once: a crash between SMTP's acceptance and the mark can send one message twice, never lose it.
 */
@Component
class MailOutbox {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    private final JdbcClient jdbc;
    private final JavaMailSender mail;
    private final NotifyProperties settings;
    private final Clock clock;

    MailOutbox(JdbcClient jdbc, JavaMailSender mail, NotifyProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ordergate.notify.send-interval:PT2S}")
    void sendPending() {
        List<Map<String, Object>> pending = jdbc.sql("""
                SELECT id, recipients, subject, body, attempts FROM app.mail_outbox
                 WHERE sent_at IS NULL AND attempts < :max ORDER BY created_at LIMIT 50
                """).param("max", settings.maxAttempts()).query().listOfRows();
        for (Map<String, Object> row : pending) {
            String id = (String) row.get("id");
            // Claiming by bumping the attempt count: of two nodes that read the same row, one sends it.
            int claimed = jdbc.sql("""
                            UPDATE app.mail_outbox SET attempts = attempts + 1
                             WHERE id = :id AND sent_at IS NULL AND attempts = :seen
                            """)
                    .param("id", id).param("seen", ((Number) row.get("attempts")).intValue()).update();
            if (claimed == 0) {
                continue;
            }
            try {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
                helper.setFrom(settings.from());
                helper.setTo(((String) row.get("recipients")).split("\\s*,\\s*"));
                helper.setSubject((String) row.get("subject"));
                helper.setText(String.valueOf(row.get("body")));
                mail.send(message);
                jdbc.sql("UPDATE app.mail_outbox SET sent_at = :now, last_error = NULL WHERE id = :id")
                        .param("now", OffsetDateTime.now(clock)).param("id", id).update();
            } catch (Exception e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("Mail {} not sent: {}", id, error);
                jdbc.sql("UPDATE app.mail_outbox SET last_error = :error WHERE id = :id")
                        .param("error", Texts.clip(error, 1000)).param("id", id)
                        .update();
            }
        }
    }
}
