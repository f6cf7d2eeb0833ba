package io.syncstore.imap.thread;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageResult;

import io.syncstore.imap.search.BaseSubject;
import io.syncstore.imap.search.SentDate;

/** What threading reads of one message (RFC 5256 §3): its identity, what it refers to, its subject and sent date. */
final class ThreadedMessage {
    private final long number;
    private final Instant sent;
    private final BaseSubject subject;
    private final Optional<String> messageId;
    private final List<String> references;

    ThreadedMessage(long number, Instant sent, BaseSubject subject, Optional<String> messageId, List<String> references) {
        this.number = number;
        this.sent = sent;
        this.subject = subject;
        this.messageId = messageId;
        this.references = references;
    }

    /** {@code number} is what the response carries: the UID or the message sequence number. */
    static ThreadedMessage of(long number, MessageResult message) throws MailboxException {
        Optional<String> date = Optional.empty();
        Optional<String> subject = Optional.empty();
        Optional<String> messageId = Optional.empty();
        Optional<String> references = Optional.empty();
        Optional<String> inReplyTo = Optional.empty();
        Iterator<Header> headers = message.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            Optional<String> value = Optional.of(header.getValue());
            switch (header.getName().trim().toLowerCase(Locale.ROOT)) {
                case "date": date = date.or(() -> value); break;
                case "subject": subject = subject.or(() -> value); break;
                case "message-id": messageId = messageId.or(() -> value); break;
                case "references": references = references.or(() -> value); break;
                case "in-reply-to": inReplyTo = inReplyTo.or(() -> value); break;
                default: break;
            }
        }
        return new ThreadedMessage(number, SentDate.of(date, message.getInternalDate().toInstant()),
            BaseSubject.ofHeader(subject.orElse("")), messageId.flatMap(MessageIds::first),
            MessageIds.referenced(references, inReplyTo));
    }

    long number() {
        return number;
    }

    Instant sent() {
        return sent;
    }

    BaseSubject subject() {
        return subject;
    }

    Optional<String> messageId() {
        return messageId;
    }

    /** The message IDs this message replies to, oldest first. */
    List<String> references() {
        return references;
    }
}
