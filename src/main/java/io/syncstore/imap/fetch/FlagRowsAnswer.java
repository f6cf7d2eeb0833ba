package io.syncstore.imap.fetch;

import java.util.Map;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;

import io.syncstore.api.FlagRows;
import io.syncstore.imap.selected.RowsInView;
import io.syncstore.imap.selected.SelectedState;
import io.syncstore.mime.FetchItemBytes;
import io.syncstore.mime.MessageSummary;

/**
 * A FETCH answered from {@link FlagRows} (and the stored summaries when it asks for ENVELOPE, BODY, BODYSTRUCTURE or
 * PREVIEW): each message the connection was told of, with \Recent as this connection holds it (never in IMAP4rev2),
 * without reading the messages. FLAGS, UID and MODSEQ alone are written straight into bytes; a message showing
 * keywords goes out as James's FETCH response, so that the connection's view announces keywords it was not told of
 * before showing them.
 */
final class FlagRowsAnswer {
    private static final Flags.Flag[] SYSTEM_FLAGS = {
        Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT, Flags.Flag.FLAGGED, Flags.Flag.RECENT, Flags.Flag.SEEN};

    private FlagRowsAnswer() {
    }

    static void respond(FetchPlan plan, FlagRows rows, SelectedState selected, Responder responder) {
        MetadataLines lines = plan.metadataLines(responder);
        RowsInView view = selected.view(rows);
        for (int row = 0; row < rows.size(); row++) {
            long uid = rows.uid(row);
            int msn = view.sequenceNumber(row);
            if (msn == 0) {
                continue;
            }
            int bits = sessionBits(rows.systemFlags(row), plan.showsRecent() && view.holdsRecent(row));
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

    /** Whether every message of the rows in the connection's view has a summary that answers for it. */
    static boolean summarised(FlagRows rows, Map<MessageUid, byte[]> summaries, RowsInView view) {
        for (int row = 0; row < rows.size(); row++) {
            if (view.sequenceNumber(row) != 0) {
                byte[] summary = summaries.get(MessageUid.of(rows.uid(row)));
                if (summary == null || !MessageSummary.readsWhole(summary)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * For a FETCH {@link FetchPlan#answerableFromRows} whose messages are {@link #summarised}: a summary that holds
     * the items written goes into the lines as it is; one of an older format, a FETCH of PREVIEW and a message
     * showing keywords (see {@link #respond(FetchPlan, FlagRows, SelectedState, Responder)}) go out as James's
     * response from the parsed summary.
     */
    static void respond(FetchPlan plan, FlagRows rows, Map<MessageUid, byte[]> summaries, RowsInView view,
                        Responder responder) {
        Optional<MetadataLines> lines = plan.itemLines(responder);
        for (int row = 0; row < rows.size(); row++) {
            long uid = rows.uid(row);
            int msn = view.sequenceNumber(row);
            if (msn == 0) {
                continue;
            }
            MessageUid messageUid = MessageUid.of(uid);
            byte[] stored = summaries.get(messageUid);
            int bits = sessionBits(rows.systemFlags(row), plan.showsRecent() && view.holdsRecent(row));
            Optional<FetchItemBytes> items = lines.flatMap(written -> MessageSummary.itemBytes(stored));
            if (items.isPresent() && (rows.keywords(row) == null || !lines.get().showsFlags())) {
                lines.get().add(msn, uid, rows.modSeq(row), bits, items.get());
                continue;
            }
            lines.ifPresent(MetadataLines::flush);
            MessageSummary summary = MessageSummary.read(stored).orElseThrow();
            Flags flags = asJamesMessageGivesThem(flags(bits, rows.keywords(row)));
            responder.respond(plan.response(summary, messageUid, ModSeq.of(rows.modSeq(row)), flags, msn));
        }
        lines.ifPresent(MetadataLines::flush);
    }

    /**
     * The flags as a message read through James's API gives them (what the FETCH of content items answered with):
     * the keywords added again in the order the stored flags list them, which is the order FLAGS writes.
     */
    private static Flags asJamesMessageGivesThem(Flags stored) {
        Flags flags = new Flags();
        for (Flags.Flag flag : stored.getSystemFlags()) {
            flags.add(flag);
        }
        for (String keyword : stored.getUserFlags()) {
            flags.add(keyword);
        }
        return flags;
    }

    private static int sessionBits(int storedBits, boolean recent) {
        return recent ? storedBits | FlagRows.RECENT : storedBits & ~FlagRows.RECENT;
    }

    /** Built flag by flag as the backend builds a message's stored flags, so that keywords list in the same order. */
    private static Flags flags(int bits, String[] keywords) {
        Flags flags = new Flags();
        for (int flag = 0; flag < SYSTEM_FLAGS.length; flag++) {
            if ((bits & (1 << flag)) != 0) {
                flags.add(SYSTEM_FLAGS[flag]);
            }
        }
        if (keywords != null) {
            for (String keyword : keywords) {
                flags.add(keyword);
            }
        }
        return flags;
    }
}
