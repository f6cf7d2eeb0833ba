package io.syncstore.imap.search;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * What SORT compares of one message (RFC 5256 §3, RFC 5957 §3), read once from its headers. Text values are
 * folded for the i;ascii-casemap collation; a missing header sorts as the empty string.
 */
final class SortableMessage {
    private final long number;
    private final ModSeq modSeq;
    private final Instant arrival;
    private final Instant sent;
    private final long size;
    private final String subject;
    private final String from;
    private final String to;
    private final String cc;
    private final String displayFrom;
    private final String displayTo;

    private SortableMessage(long number, MessageResult message, Headers headers) {
        this.number = number;
        this.modSeq = message.getModSeq();
        this.arrival = message.getInternalDate().toInstant();
        this.sent = SentDate.of(headers.date, arrival);
        this.size = message.getSize();
        this.subject = BaseSubject.ofHeader(headers.subject.orElse("")).text();
        Optional<Mailbox> firstFrom = headers.from.flatMap(SortableMessage::firstMailbox);
        Optional<Mailbox> firstTo = headers.to.flatMap(SortableMessage::firstMailbox);
        this.from = localPart(firstFrom);
        this.to = localPart(firstTo);
        this.cc = localPart(headers.cc.flatMap(SortableMessage::firstMailbox));
        this.displayFrom = display(firstFrom);
        this.displayTo = display(firstTo);
    }

    /** {@code number} is what the response carries: the UID or the message sequence number. */
    static SortableMessage of(long number, MessageResult message) throws MailboxException {
        return new SortableMessage(number, message, Headers.of(message));
    }

    long number() {
        return number;
    }

    ModSeq modSeq() {
        return modSeq;
    }

    Instant arrival() {
        return arrival;
    }

    Instant sent() {
        return sent;
    }

    long size() {
        return size;
    }

    String subject() {
        return subject;
    }

    String from() {
        return from;
    }

    String to() {
        return to;
    }

    String cc() {
        return cc;
    }

    String displayFrom() {
        return displayFrom;
    }

    String displayTo() {
        return displayTo;
    }

    private static Optional<Mailbox> firstMailbox(String value) {
        AddressList addresses = LenientAddressParser.DEFAULT.parseAddressList(value);
        for (Address address : addresses) {
            if (address instanceof Mailbox) {
                return Optional.of((Mailbox) address);
            }
            if (address instanceof Group && !((Group) address).getMailboxes().isEmpty()) {
                return Optional.of(((Group) address).getMailboxes().get(0));
            }
        }
        return Optional.empty();
    }

    private static String localPart(Optional<Mailbox> mailbox) {
        return BaseSubject.upperCaseAscii(mailbox.map(Mailbox::getLocalPart).orElse(""));
    }

    /** RFC 5957 §3: the decoded display name, else the address itself. */
    private static String display(Optional<Mailbox> mailbox) {
        String display = mailbox
            .map(box -> Optional.ofNullable(box.getName()).map(String::trim).filter(name -> !name.isEmpty())
                .orElse(box.getAddress()))
            .orElse("");
        return BaseSubject.upperCaseAscii(display);
    }

    /** The first of each header SORT reads. */
    private static final class Headers {
        private Optional<String> date = Optional.empty();
        private Optional<String> subject = Optional.empty();
        private Optional<String> from = Optional.empty();
        private Optional<String> to = Optional.empty();
        private Optional<String> cc = Optional.empty();

        static Headers of(MessageResult message) throws MailboxException {
            Headers headers = new Headers();
            Iterator<Header> iterator = message.getHeaders().headers();
            while (iterator.hasNext()) {
                Header header = iterator.next();
                Optional<String> value = Optional.of(header.getValue());
                switch (header.getName().trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "date": headers.date = headers.date.or(() -> value); break;
                    case "subject": headers.subject = headers.subject.or(() -> value); break;
                    case "from": headers.from = headers.from.or(() -> value); break;
                    case "to": headers.to = headers.to.or(() -> value); break;
                    case "cc": headers.cc = headers.cc.or(() -> value); break;
                    default: break;
                }
            }
            return headers;
        }
    }
}
