package dev.ordergate.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real SMTP server (GreenMail) for the embedded default, on a free loopback port, and the application's mail
 * sender pointed at it; what arrived is listed at {@code /sandbox/mail}. With {@code spring.mail.host} set, real
 * SMTP is used and none of this exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
public class SandboxMail {

    private static final Logger log = LoggerFactory.getLogger(SandboxMail.class);

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail sandboxSmtpServer() {
        return new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @Bean
    JavaMailSender sandboxMailSender(GreenMail server) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getSmtp().getPort());
        log.info("Sandbox SMTP server on 127.0.0.1:{}; mail sent by the application is listed at /sandbox/mail",
                server.getSmtp().getPort());
        return sender;
    }

    /** What the sandbox SMTP server received, for people and tests. */
    @RestController
    @ConditionalOnSandbox
    @ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
    public static class Mailbox {

        private final GreenMail server;

        Mailbox(GreenMail server) {
            this.server = server;
        }

        public record Mail(List<String> to, String subject, String body) {
        }

        @GetMapping(value = "/sandbox/mail", produces = "application/json")
        public List<Mail> received() {
            return Arrays.stream(server.getReceivedMessages()).map(Mailbox::mail).toList();
        }

        private static Mail mail(Message message) {
            try {
                return new Mail(Arrays.stream(message.getAllRecipients()).map(Object::toString)
                        .collect(Collectors.toList()), message.getSubject(), GreenMailUtil.getBody(message).strip());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
