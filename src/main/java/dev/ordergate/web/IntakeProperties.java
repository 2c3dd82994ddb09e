package dev.ordergate.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on what a channel may send: a guard against runaway uploads, not a business rule.
 *
 * @param maxLines     lines per order
 * @param maxBodyBytes request body size; larger bodies get 413 before they are parsed
 */
@ConfigurationProperties("ordergate.intake")
public record IntakeProperties(int maxLines, long maxBodyBytes) {
}
