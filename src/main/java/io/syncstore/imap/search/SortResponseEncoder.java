package io.syncstore.imap.search;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

public class SortResponseEncoder implements ImapResponseEncoder<SortResponse> {
    @Override
    public Class<SortResponse> acceptableMessages() {
        return SortResponse.class;
    }

    @Override
    public void encode(SortResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged().message("SORT");
        for (long number : response.numbers()) {
            composer.message(number);
        }
        if (response.highestModSeq().isPresent()) {
            composer.openParen().message("MODSEQ").message(response.highestModSeq().get().asLong()).closeParen();
        }
        composer.end();
    }
}
