package io.syncstore.imap.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.encode.FetchResponseEncoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imap.encode.ImapResponseWriter;
import org.apache.james.imap.encode.base.ImapResponseComposerImpl;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.message.response.FetchResponse;

import io.syncstore.imap.mode.ModalResponse;
import io.syncstore.imap.mode.ModalResponseEncoder;

/** FETCH responses, ours and James's, as the connection would get them (responses with literals are not written). */
final class EncodedResponses {
    private EncodedResponses() {
    }

    static String encoded(List<ImapResponseMessage> responses) throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ImapResponseComposerImpl composer = new ImapResponseComposerImpl(new ImapResponseWriter() {
            @Override
            public void write(byte[] buffer) {
                written.writeBytes(buffer);
            }

            @Override
            public void write(Literal literal) {
                throw new UncheckedIOException(new IOException("no literal in these items"));
            }
        });
        ExtendedFetchResponseEncoder extended = new ExtendedFetchResponseEncoder();
        FetchResponseEncoder james = new FetchResponseEncoder();
        FetchLinesEncoder ours = new FetchLinesEncoder();
        ImapEncoder encoder = (response, out) -> {
            if (response instanceof FetchLines) {
                ours.encode((FetchLines) response, out);
            } else if (response instanceof ExtendedFetchResponse) {
                extended.encode((ExtendedFetchResponse) response, out);
            } else {
                james.encode((FetchResponse) response, out);
            }
        };
        ModalResponseEncoder modal = new ModalResponseEncoder(() -> encoder);
        for (ImapResponseMessage response : responses) {
            if (response instanceof ModalResponse) {
                modal.encode((ModalResponse) response, composer);
            } else {
                encoder.encode(response, composer);
            }
        }
        composer.flush();
        return written.toString(StandardCharsets.ISO_8859_1);
    }
}
