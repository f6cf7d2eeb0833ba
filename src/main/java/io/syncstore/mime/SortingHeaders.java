package io.syncstore.mime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * What SORT (RFC 5256 §3, RFC 5957 §3) and THREAD (RFC 5256 §3) read of a message's header, from the first field of
 * each name they use: computed once when a message is stored, or from the header of a message read. Text keys are
 * folded for the i;ascii-casemap collation; a missing field gives the empty string.
 */
public final class SortingHeaders {
    private final Optional<Instant> sentDate;
    private final BaseSubject subject;
    private final Optional<String> messageId;
    private final List<String> references;
    private final Optional<Mailbox> from;
    private final Optional<Mailbox> to;
    private final Optional<Mailbox> cc;

    private SortingHeaders(Function<String, Optional<String>> rawValue) {
        Function<String, Optional<String>> firstValue = name -> rawValue.apply(name).map(StorableText::of);
        this.sentDate = firstValue.apply("Date").flatMap(SentDate::of);
        this.subject = BaseSubject.ofHeader(firstValue.apply("Subject").orElse(""));
        this.messageId = firstValue.apply("Message-ID").flatMap(MessageIds::first);
        this.references = MessageIds.referenced(firstValue.apply("References"), firstValue.apply("In-Reply-To"));
        this.from = firstValue.apply("From").flatMap(SortingHeaders::firstMailbox);
        this.to = firstValue.apply("To").flatMap(SortingHeaders::firstMailbox);
        this.cc = firstValue.apply("Cc").flatMap(SortingHeaders::firstMailbox);
    }

    /** From a header as stored (its bytes up to the empty line that ends it). */
    public static SortingHeaders ofHeader(byte[] header) {
        return new SortingHeaders(HeaderBlock.parse(header, 0, header.length)::value);
    }

    /** {@code firstValue} gives the value of the first field of a name (compared without case), unfolded. */
    public static SortingHeaders of(Function<String, Optional<String>> firstValue) {
        return new SortingHeaders(firstValue);
    }

    /** The Date: header's instant; empty without a valid one (SORT and THREAD then use the internal date). */
    public Optional<Instant> sentDate() {
        return sentDate;
    }

    /** The base subject of RFC 5256 §2.1, compared with i;ascii-casemap by comparing these texts. */
    public String baseSubject() {
        return StorableText.of(subject.text());
    }

    /** Whether a reply or forward marker was removed from the subject (THREAD=REFERENCES step 6). */
    public boolean replyOrForward() {
        return subject.replyOrForward();
    }

    public Optional<String> messageId() {
        return messageId;
    }

    /** The message IDs the message replies to, oldest first (RFC 5256 §3 REFERENCES step 1). */
    public List<String> references() {
        return references;
    }

    /** SORT FROM, TO and CC: the local part of the first address. */
    public String fromMailbox() {
        return localPart(from);
    }

    public String toMailbox() {
        return localPart(to);
    }

    public String ccMailbox() {
        return localPart(cc);
    }

    /** SORT DISPLAYFROM and DISPLAYTO (RFC 5957 §3): the decoded display name, else the address itself. */
    public String fromDisplay() {
        return display(from);
    }

    public String toDisplay() {
        return display(to);
    }

    private static Optional<Mailbox> firstMailbox(String value) {
        for (Address address : LenientAddressParser.DEFAULT.parseAddressList(value)) {
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

    private static String display(Optional<Mailbox> mailbox) {
        String display = mailbox
            .map(box -> Optional.ofNullable(box.getName()).map(String::trim).filter(name -> !name.isEmpty())
                .orElse(box.getAddress()))
            .orElse("");
        return StorableText.of(BaseSubject.upperCaseAscii(display));
    }
}
