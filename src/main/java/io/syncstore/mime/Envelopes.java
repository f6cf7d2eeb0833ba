package io.syncstore.mime;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FetchResponse.Envelope.Address;

/**
 * ENVELOPE (RFC 3501 §7.4.2) from a message header: values unfolded as written (encoded words are not decoded),
 * addresses by {@link EnvelopeAddressParser}, Sender and Reply-To falling back to From.
 */
public final class Envelopes {
    private Envelopes() {
    }

    public static FetchResponse.Envelope of(HeaderBlock header) {
        Address[] from = addresses(header, "From");
        Address[] sender = Optional.ofNullable(addresses(header, "Sender")).orElse(from);
        Address[] replyTo = Optional.ofNullable(addresses(header, "Reply-To")).orElse(from);
        return new Envelope(text(header, "Date"), text(header, "Subject"), from, sender, replyTo,
            addresses(header, "To"), addresses(header, "Cc"), addresses(header, "Bcc"),
            text(header, "In-Reply-To"), text(header, "Message-ID"));
    }

    private static String text(HeaderBlock header, String name) {
        return header.value(name).filter(value -> !value.isEmpty()).orElse(null);
    }

    private static Address[] addresses(HeaderBlock header, String name) {
        List<EnvelopeAddressParser.Address> parsed = header.value(name).map(EnvelopeAddressParser::parse)
            .orElse(List.of());
        return parsed.isEmpty() ? null : parsed.toArray(Address[]::new);
    }

    private static final class Envelope implements FetchResponse.Envelope {
        private final String date;
        private final String subject;
        private final Address[] from;
        private final Address[] sender;
        private final Address[] replyTo;
        private final Address[] to;
        private final Address[] cc;
        private final Address[] bcc;
        private final String inReplyTo;
        private final String messageId;

        Envelope(String date, String subject, Address[] from, Address[] sender, Address[] replyTo, Address[] to,
                 Address[] cc, Address[] bcc, String inReplyTo, String messageId) {
            this.date = date;
            this.subject = subject;
            this.from = from;
            this.sender = sender;
            this.replyTo = replyTo;
            this.to = to;
            this.cc = cc;
            this.bcc = bcc;
            this.inReplyTo = inReplyTo;
            this.messageId = messageId;
        }

        @Override
        public String getDate() {
            return date;
        }

        @Override
        public String getSubject() {
            return subject;
        }

        @Override
        public Address[] getFrom() {
            return from;
        }

        @Override
        public Address[] getSender() {
            return sender;
        }

        @Override
        public Address[] getReplyTo() {
            return replyTo;
        }

        @Override
        public Address[] getTo() {
            return to;
        }

        @Override
        public Address[] getCc() {
            return cc;
        }

        @Override
        public Address[] getBcc() {
            return bcc;
        }

        @Override
        public String getInReplyTo() {
            return inReplyTo;
        }

        @Override
        public String getMessageId() {
            return messageId;
        }
    }
}
