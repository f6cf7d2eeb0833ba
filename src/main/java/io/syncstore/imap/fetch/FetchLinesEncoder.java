package io.syncstore.imap.fetch;

import java.io.IOException;

import javax.inject.Inject;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/** Writes {@link FetchLines} as they are. */
public class FetchLinesEncoder implements ImapResponseEncoder<FetchLines> {
    @Inject
    public FetchLinesEncoder() {
    }

    @Override
    public Class<FetchLines> acceptableMessages() {
        return FetchLines.class;
    }

    @Override
    public void encode(FetchLines lines, ImapResponseComposer composer) throws IOException {
        composer.skipNextSpace().message(lines.bytes()).end();
    }
}
