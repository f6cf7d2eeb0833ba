package io.syncstore.imap.specialuse;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A mailbox's special use, kept where RFC 6154 §4 puts it: the {@code /private/specialuse} annotation (METADATA), so
 * it lives with the mailbox in any James backend, follows renames and goes with the mailbox.
 */
public final class SpecialUses {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpecialUses.class);
    static final MailboxAnnotationKey KEY = new MailboxAnnotationKey("/private/specialuse");
    /** Session attribute holding the loaded uses while one LIST runs (a session runs one command at a time). */
    public static final String ATTRIBUTE = "io.syncstore.imap.specialuse.uses";
    private static final int CONCURRENCY = 8;

    private SpecialUses() {
    }

    /** The use attribute (e.g. {@code \Sent}), matched without regard to case, as a mailbox type James can list. */
    static Optional<MailboxType> typeOf(String attribute) {
        return Arrays.stream(MailboxType.values())
            .filter(type -> type.getRfc6154attributeName() != null)
            .filter(type -> type.getRfc6154attributeName().equalsIgnoreCase(attribute))
            .findFirst();
    }

    /**
     * The special uses stored for the mailboxes the user sees, read without blocking before a LIST that returns them;
     * James's LIST asks its typer from inside a non-blocking stream.
     */
    public static Mono<Map<MailboxPath, MailboxType>> load(MailboxManager mailboxManager, MailboxSession session) {
        return mailboxManager.search(MailboxQuery.builder().matchesAllMailboxNames().build(), MailboxManager.MailboxSearchFetchType.Minimal, session)
            .flatMap(mailbox -> of(mailboxManager, mailbox.getPath(), session).map(type -> Map.entry(mailbox.getPath(), type)), CONCURRENCY)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .onErrorResume(e -> {
                LOGGER.warn("Special uses not read; LIST answers with James's role names", e);
                return Mono.just(Map.of());
            });
    }

    /** The special use stored for one mailbox; empty when it has none. */
    public static Mono<MailboxType> of(MailboxManager mailboxManager, MailboxPath path, MailboxSession session) {
        return Flux.from(mailboxManager.getAnnotationsByKeysReactive(path, session, Set.of(KEY)))
            .flatMapIterable(annotation -> annotation.getValue().flatMap(SpecialUses::typeOf).stream().collect(Collectors.toList()))
            .next();
    }

    /** A typer answering from the uses {@link #load}ed into the session for this command, and from {@code names} otherwise. */
    @SuppressWarnings("unchecked")
    public static MailboxTyper typer(MailboxTyper names) {
        return (session, path) -> Optional.ofNullable((Map<MailboxPath, MailboxType>) session.getAttribute(ATTRIBUTE))
            .map(uses -> uses.get(path))
            .orElseGet(() -> names.getMailboxType(session, path));
    }
}
