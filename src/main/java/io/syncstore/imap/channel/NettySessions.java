package io.syncstore.imap.channel;

import java.lang.reflect.Field;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;

/**
 * Access to the Netty channel behind a James 3.8.1 {@code NettyImapSession}, whose field is private.
 * Used for what the {@link ImapSession} API does not offer: writability (back-pressure), the close future
 * (a hook when the connection ends) and writing outside of a command.
 */
public final class NettySessions {
    private static final Logger LOGGER = LoggerFactory.getLogger(NettySessions.class);
    private static final String NETTY_SESSION = "org.apache.james.imapserver.netty.NettyImapSession";

    private NettySessions() {
    }

    public static Optional<Channel> channel(ImapSession session) {
        Class<?> clazz = session.getClass();
        while (clazz != null && !clazz.getName().equals(NETTY_SESSION)) {
            clazz = clazz.getSuperclass();
        }
        if (clazz == null) {
            return Optional.empty();
        }
        try {
            Field field = clazz.getDeclaredField("channel");
            field.setAccessible(true);
            return Optional.ofNullable((Channel) field.get(session));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("Cannot reach the channel of {}", clazz.getName(), e);
            return Optional.empty();
        }
    }
}
