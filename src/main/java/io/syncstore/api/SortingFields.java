package io.syncstore.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.ModSeq;

/**
 * What SORT (RFC 5256, RFC 5957) and THREAD (RFC 5256) compare of one message. Text keys are folded for the
 * i;ascii-casemap collation, as {@code io.syncstore.mime.SortingHeaders} makes them.
 */
public final class SortingFields {
    private final ModSeq modSeq;
    private final Instant arrival;
    private final long size;
    private final Instant sent;
    private final String baseSubject;
    private final boolean replyOrForward;
    private final Optional<String> messageId;
    private final List<String> references;
    private final Addresses addresses;

    /** {@code sent} is the Date: header's instant, else the arrival (RFC 5256 §2.2). */
    public SortingFields(ModSeq modSeq, Instant arrival, long size, Instant sent, String baseSubject,
                         boolean replyOrForward, Optional<String> messageId, List<String> references, Addresses addresses) {
        this.modSeq = modSeq;
        this.arrival = arrival;
        this.size = size;
        this.sent = sent;
        this.baseSubject = baseSubject;
        this.replyOrForward = replyOrForward;
        this.messageId = messageId;
        this.references = List.copyOf(references);
        this.addresses = addresses;
    }

    public ModSeq modSeq() {
        return modSeq;
    }

    public Instant arrival() {
        return arrival;
    }

    public long size() {
        return size;
    }

    public Instant sent() {
        return sent;
    }

    /** RFC 5256 §2.1. */
    public String baseSubject() {
        return baseSubject;
    }

    /** Whether a reply or forward marker was removed from the subject (THREAD=REFERENCES step 6). */
    public boolean replyOrForward() {
        return replyOrForward;
    }

    public Optional<String> messageId() {
        return messageId;
    }

    /** The message IDs the message replies to, oldest first. */
    public List<String> references() {
        return references;
    }

    public Addresses addresses() {
        return addresses;
    }

    /** SORT FROM, TO, CC (the first address's local part) and DISPLAYFROM, DISPLAYTO (RFC 5957 §3). */
    public static final class Addresses {
        private final String fromMailbox;
        private final String toMailbox;
        private final String ccMailbox;
        private final String fromDisplay;
        private final String toDisplay;

        public Addresses(String fromMailbox, String toMailbox, String ccMailbox, String fromDisplay, String toDisplay) {
            this.fromMailbox = fromMailbox;
            this.toMailbox = toMailbox;
            this.ccMailbox = ccMailbox;
            this.fromDisplay = fromDisplay;
            this.toDisplay = toDisplay;
        }

        public String fromMailbox() {
            return fromMailbox;
        }

        public String toMailbox() {
            return toMailbox;
        }

        public String ccMailbox() {
            return ccMailbox;
        }

        public String fromDisplay() {
            return fromDisplay;
        }

        public String toDisplay() {
            return toDisplay;
        }
    }
}
