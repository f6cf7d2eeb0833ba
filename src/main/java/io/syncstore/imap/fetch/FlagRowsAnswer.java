package io.syncstore.imap.fetch;

import javax.mail.Flags;

import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;

import io.syncstore.api.FlagRows;
import io.syncstore.imap.selected.SelectedState;

/**
 * A FETCH of FLAGS, UID and MODSEQ answered from {@link FlagRows}: each message the connection was told of, with
 * \Recent as this connection holds it (never in IMAP4rev2), written straight into bytes. A message showing keywords
 * goes out as James's FETCH response, so that the connection's view announces keywords it was not told of before
 * showing them.
 */
final class FlagRowsAnswer {
    private static final Flags.Flag[] SYSTEM_FLAGS = {
        Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT, Flags.Flag.FLAGGED, Flags.Flag.RECENT, Flags.Flag.SEEN};

    private FlagRowsAnswer() {
    }

    static void respond(FetchPlan plan, FlagRows rows, SelectedState selected, Responder responder) {
        MetadataLines lines = plan.metadataLines(responder);
        for (int row = 0; row < rows.size(); row++) {
            long uid = rows.uid(row);
            int msn = selected.sequenceNumber(uid);
            if (msn == 0) {
                continue;
            }
            boolean recent = plan.showsRecent() && selected.holdsRecent(uid);
            int bits = recent ? rows.systemFlags(row) | FlagRows.RECENT : rows.systemFlags(row) & ~FlagRows.RECENT;
            String[] keywords = rows.keywords(row);
            if (keywords != null && lines.showsFlags()) {
                lines.flush();
                responder.respond(plan.metadataResponse(MessageUid.of(uid), ModSeq.of(rows.modSeq(row)), flags(bits, keywords), msn));
            } else {
                lines.add(msn, uid, rows.modSeq(row), bits);
            }
        }
        lines.flush();
    }

    /** Built flag by flag as the backend builds a message's stored flags, so that keywords list in the same order. */
    private static Flags flags(int bits, String[] keywords) {
        Flags flags = new Flags();
        for (int flag = 0; flag < SYSTEM_FLAGS.length; flag++) {
            if ((bits & (1 << flag)) != 0) {
                flags.add(SYSTEM_FLAGS[flag]);
            }
        }
        for (String keyword : keywords) {
            flags.add(keyword);
        }
        return flags;
    }
}
