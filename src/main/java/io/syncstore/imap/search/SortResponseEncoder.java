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
        long[] answered = response.numbers();
        if (answered.length > 0) {
            // one write for all the numbers: one per number showed in the profile of a SORT of 10,000 messages
            StringBuilder numbers = new StringBuilder(answered.length * 7);
            for (long number : answered) {
                if (numbers.length() > 0) {
                    numbers.append(' ');
                }
                numbers.append(number);
            }
            composer.message(numbers.toString());
        }
        if (response.highestModSeq().isPresent()) {
            composer.openParen().message("MODSEQ").message(response.highestModSeq().get().asLong()).closeParen();
        }
        composer.end();
    }
}
