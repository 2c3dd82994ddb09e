package dev.ordergate.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Queues mail from a template in {@code resources/mail/<template>.txt} (first line {@code Subject: ...}, then the
 * body; {@code ${name}} placeholders). The message is written to the outbox in the caller's transaction, so mail
 * goes out only for what really happened, and the outbox sender delivers it after commit.
 */
@Service
public class Notifications {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private final JdbcClient jdbc;
    private final NotifyProperties settings;
    private final Clock clock;

    Notifications(JdbcClient jdbc, NotifyProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Mail to the mailbox of a group (a reviewer group, {@code customer-service}, a supervisor group). */
    public void toGroup(String group, String template, Map<String, ?> model) {
        queue(settings.addressOf(group), template, model);
    }

    void queue(String recipients, String template, Map<String, ?> model) {
        String text = fill(load(template), model);
        int newline = text.indexOf('\n');
        String subject = text.substring(0, newline).replaceFirst("^Subject: *", "").trim();
        jdbc.sql("""
                INSERT INTO app.mail_outbox (id, recipients, subject, body, created_at, attempts)
                VALUES (:id, :to, :subject, :body, :now, 0)
                """)
                .param("id", UUID.randomUUID().toString()).param("to", recipients).param("subject", subject)
                .param("body", text.substring(newline + 1).strip()).param("now", OffsetDateTime.now(clock))
                .update();
    }

    private static String load(String template) {
        try {
            return new ClassPathResource("mail/" + template + ".txt").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("No mail template " + template, e);
        }
    }

    private static String fill(String template, Map<String, ?> model) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = model.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
