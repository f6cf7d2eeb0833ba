package io.syncstore.imap.fetch;

import java.io.IOException;

import javax.inject.Inject;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/** Writes {@code tag NO [UNKNOWN-CTE] FETCH ...}. */
public class UnknownTransferEncodingResponseEncoder implements ImapResponseEncoder<UnknownTransferEncodingResponse> {
    @Inject
    public UnknownTransferEncodingResponseEncoder() {
    }

    @Override
    public Class<UnknownTransferEncodingResponse> acceptableMessages() {
        return UnknownTransferEncodingResponse.class;
    }

    @Override
    public void encode(UnknownTransferEncodingResponse response, ImapResponseComposer composer) throws IOException {
        composer.tag(response.tag())
            .message("NO")
            .openSquareBracket()
            .message("UNKNOWN-CTE")
            .closeSquareBracket()
            .commandName(response.command())
            .message("failed: unknown Content-Transfer-Encoding")
            .end();
    }
}
