package io.syncstore.imap.fetch;

import static io.syncstore.imap.fetch.EncodedResponses.encoded;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.junit.jupiter.api.Test;

import io.syncstore.api.FlagRows;

/** The FETCH lines written straight into bytes are byte for byte what James's FETCH encoder writes for the same items. */
class MetadataLinesTest {
    private static final Flags.Flag[] SYSTEM_FLAGS = {
        Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT, Flags.Flag.FLAGGED, Flags.Flag.RECENT, Flags.Flag.SEEN};
    private static final int SEEN_AND_ANSWERED = FlagRows.SEEN | FlagRows.ANSWERED;

    @Test
    void everyCombinationOfItemsAndSystemFlagsIsWrittenAsJamesWritesIt() throws IOException {
        for (int items = 1; items < 8; items++) {
            boolean flags = (items & 1) != 0;
            boolean uid = (items & 2) != 0;
            boolean modSeq = (items & 4) != 0;
            List<ImapResponseMessage> lines = new ArrayList<>();
            List<ImapResponseMessage> james = new ArrayList<>();
            MetadataLines written = new MetadataLines(flags, uid, modSeq, collectingInto(lines));
            for (int bits = 0; bits < 64; bits++) {
                int msn = bits * 37 + 1;
                long messageUid = bits == 63 ? 4_294_967_295L : bits * 1_000 + 9;
                long messageModSeq = bits == 62 ? Long.MAX_VALUE : bits * 123_456_789L;
                written.add(msn, messageUid, messageModSeq, bits);
                james.add(new FetchResponse(MessageSequenceNumber.of(msn), flags ? flags(bits) : null,
                    uid ? MessageUid.of(messageUid) : null, null, modSeq ? ModSeq.of(messageModSeq) : null,
                    null, null, null, null, null, null, null, null));
            }
            written.flush();
            assertThat(encoded(lines)).as("items %d", items).isEqualTo(encoded(james));
        }
    }

    @Test
    void manyLinesGoOutInChunksThatTogetherAreWhatJamesWrites() throws IOException {
        List<ImapResponseMessage> lines = new ArrayList<>();
        List<ImapResponseMessage> james = new ArrayList<>();
        MetadataLines written = new MetadataLines(true, true, true, collectingInto(lines));
        for (int msn = 1; msn <= 5_000; msn++) {
            written.add(msn, msn + 100L, msn * 3L, SEEN_AND_ANSWERED);
            james.add(new FetchResponse(MessageSequenceNumber.of(msn), flags(SEEN_AND_ANSWERED),
                MessageUid.of(msn + 100L), null, ModSeq.of(msn * 3L), null, null, null, null, null, null, null, null));
        }
        written.flush();
        assertThat(lines).hasSizeGreaterThan(5);
        assertThat(encoded(lines)).isEqualTo(encoded(james));
    }

    @Test
    void nothingWrittenMeansNoResponse() {
        List<ImapResponseMessage> lines = new ArrayList<>();
        new MetadataLines(true, true, false, collectingInto(lines)).flush();
        assertThat(lines).isEmpty();
    }

    private static Flags flags(int bits) {
        Flags flags = new Flags();
        for (int flag = 0; flag < SYSTEM_FLAGS.length; flag++) {
            if ((bits & (1 << flag)) != 0) {
                flags.add(SYSTEM_FLAGS[flag]);
            }
        }
        return flags;
    }

    static Responder collectingInto(List<ImapResponseMessage> responses) {
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                responses.add(message);
            }

            @Override
            public void flush() {
            }
        };
    }
}
