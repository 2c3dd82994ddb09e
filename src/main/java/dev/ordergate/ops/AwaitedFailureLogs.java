package dev.ordergate.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.ordergate.order.PeerAwaited;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Keeps a peer refusing Ordergate's own credentials one operator-facing problem in the log: the engine logs every
 * failed attempt of every waiting job (ENGINE-16004 at ERROR, ENGINE-14006 at WARN), which for a refused API key is
 * the same line each {@code auth-retry-after} per order; the odoo package logs the problem once when it starts and
 * when it ends, and the health component, gauge and counter show it meanwhile. Outages are left as they are.
 */
@Component
class AwaitedFailureLogs extends TurboFilter {

    AwaitedFailureLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.addTurboFilter(this);
            start();
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().startsWith("org.camunda.bpm.engine")) {
            return FilterReply.NEUTRAL;
        }
        Throwable failure = t;
        if (failure == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            failure = last;
        }
        return refusedCredentials(failure) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean refusedCredentials(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PeerAwaited awaited && !(cause instanceof PeerUnavailableException)
                    && awaited.waitFor() != null) {
                return true;
            }
        }
        return false;
    }
}
