package io.syncstore.imap.session;

import java.time.Duration;
import java.util.concurrent.ConcurrentMap;

import javax.inject.Singleton;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxId;

import com.google.common.cache.CacheBuilder;

/**
 * Which session a message is \Recent in (RFC 3501 §2.3.2: the first session told of it). James 3.8.1 makes a new
 * message recent in every session that has its mailbox selected; the first session that shows it as recent claims
 * it here, and the others drop it. Claims are forgotten an hour after their last use.
 */
@Singleton
public class RecentClaims {
    private final ConcurrentMap<String, ImapSession.SessionId> claims = CacheBuilder.newBuilder()
        .expireAfterAccess(Duration.ofHours(1))
        .maximumSize(1_000_000)
        .<String, ImapSession.SessionId>build()
        .asMap();

    /** True if the message is recent in this session: claimed now, or earlier by it. */
    boolean claim(MailboxId mailboxId, MessageUid uid, ImapSession.SessionId session) {
        return claims.computeIfAbsent(mailboxId.serialize() + "/" + uid.asLong(), any -> session).equals(session);
    }
}
