package io.syncstore.imap.fetch;

import java.io.IOException;
import java.util.List;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.encode.FetchResponseEncoder;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;
import org.apache.james.imap.message.Literal;

/**
 * Writes an {@link ExtendedFetchResponse}: James's FETCH encoding of its base response, with the extra items written
 * just before the parenthesis that closes the item list.
 */
public class ExtendedFetchResponseEncoder implements ImapResponseEncoder<ExtendedFetchResponse> {
    private final FetchResponseEncoder fetchEncoder;

    @Inject
    public ExtendedFetchResponseEncoder() {
        this.fetchEncoder = new FetchResponseEncoder();
    }

    @Override
    public Class<ExtendedFetchResponse> acceptableMessages() {
        return ExtendedFetchResponse.class;
    }

    @Override
    public void encode(ExtendedFetchResponse response, ImapResponseComposer composer) throws IOException {
        fetchEncoder.encode(response.base(), new ExtrasBeforeClose(composer, response.extras()));
    }

    /** Passes everything through, counting parentheses to find the one that closes the FETCH item list. */
    private static final class ExtrasBeforeClose implements ImapResponseComposer {
        private final ImapResponseComposer out;
        private final List<ExtraItem> extras;
        private int depth;

        ExtrasBeforeClose(ImapResponseComposer out, List<ExtraItem> extras) {
            this.out = out;
            this.extras = extras;
        }

        @Override
        public ImapResponseComposer openParen() throws IOException {
            depth++;
            out.openParen();
            return this;
        }

        @Override
        public ImapResponseComposer closeParen() throws IOException {
            if (depth == 1) {
                for (ExtraItem extra : extras) {
                    extra.writeTo(out);
                }
            }
            depth--;
            out.closeParen();
            return this;
        }

        @Override
        public ImapResponseComposer untaggedNoResponse(String displayMessage, String responseCode) throws IOException {
            out.untaggedNoResponse(displayMessage, responseCode);
            return this;
        }

        @Override
        public ImapResponseComposer flags(Flags flags) throws IOException {
            out.flags(flags);
            return this;
        }

        @Override
        public ImapResponseComposer nil() throws IOException {
            out.nil();
            return this;
        }

        @Override
        public ImapResponseComposer untaggedResponse(String message) throws IOException {
            out.untaggedResponse(message);
            return this;
        }

        @Override
        public ImapResponseComposer untagged() throws IOException {
            out.untagged();
            return this;
        }

        @Override
        public ImapResponseComposer commandName(ImapCommand command) throws IOException {
            out.commandName(command);
            return this;
        }

        @Override
        public ImapResponseComposer message(String message) throws IOException {
            out.message(message);
            return this;
        }

        @Override
        public ImapResponseComposer message(byte[] message) throws IOException {
            out.message(message);
            return this;
        }

        @Override
        public ImapResponseComposer message(long number) throws IOException {
            out.message(number);
            return this;
        }

        @Override
        public ImapResponseComposer mailbox(String mailboxName) throws IOException {
            out.mailbox(mailboxName);
            return this;
        }

        @Override
        public ImapResponseComposer sequenceSet(UidRange[] ranges) throws IOException {
            out.sequenceSet(ranges);
            return this;
        }

        @Override
        public ImapResponseComposer sequenceSet(IdRange[] ranges) throws IOException {
            out.sequenceSet(ranges);
            return this;
        }

        @Override
        public ImapResponseComposer end() throws IOException {
            out.end();
            return this;
        }

        @Override
        public ImapResponseComposer tag(Tag tag) throws IOException {
            out.tag(tag);
            return this;
        }

        @Override
        public ImapResponseComposer quote(String message) throws IOException {
            out.quote(message);
            return this;
        }

        @Override
        public ImapResponseComposer quote(char message) throws IOException {
            out.quote(message);
            return this;
        }

        @Override
        public ImapResponseComposer literal(Literal literal) throws IOException {
            out.literal(literal);
            return this;
        }

        @Override
        public ImapResponseComposer quoteUpperCaseAscii(String message) throws IOException {
            out.quoteUpperCaseAscii(message);
            return this;
        }

        @Override
        public ImapResponseComposer skipNextSpace() throws IOException {
            out.skipNextSpace();
            return this;
        }

        @Override
        public ImapResponseComposer continuationResponse(String message) throws IOException {
            out.continuationResponse(message);
            return this;
        }

        @Override
        public ImapResponseComposer continuationResponse() throws IOException {
            out.continuationResponse();
            return this;
        }

        @Override
        public ImapResponseComposer closeSquareBracket() throws IOException {
            out.closeSquareBracket();
            return this;
        }

        @Override
        public ImapResponseComposer openSquareBracket() throws IOException {
            out.openSquareBracket();
            return this;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
