package io.syncstore.server.logging;

import java.io.IOException;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.spi.FilterReply;

/**
 * A client that drops its connection (reset, broken pipe, a TLS handshake it gives up) is routine for a mail
 * server, but James's protocol handlers log it as a warning with the whole stack trace. This filter replaces such
 * an event with one line at DEBUG; other failures of the handlers keep their stack trace.
 */
public class ClientDisconnects extends ch.qos.logback.classic.turbo.TurboFilter {
    private static final Logger LOGGER = LoggerFactory.getLogger("io.syncstore.connections");
    private static final String[] PROTOCOL_HANDLERS = {"org.apache.james.imapserver.netty.", "org.apache.james.protocols.netty."};

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t == null || !level.isGreaterOrEqual(Level.WARN) || !fromProtocolHandler(logger.getName()) || !isClientSide(t)) {
            return FilterReply.NEUTRAL;
        }
        LOGGER.debug("Client connection ended: {}", describe(t));
        return FilterReply.DENY;
    }

    private static boolean fromProtocolHandler(String loggerName) {
        for (String prefix : PROTOCOL_HANDLERS) {
            if (loggerName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Netty reports socket failures as IOExceptions and TLS failures as an SSLException inside a decoder exception. */
    private static boolean isClientSide(Throwable t) {
        return t instanceof IOException || t.getCause() instanceof SSLException;
    }

    private static String describe(Throwable t) {
        Throwable described = t.getCause() instanceof SSLException ? t.getCause() : t;
        return described.getClass().getSimpleName() + ": " + described.getMessage();
    }
}
