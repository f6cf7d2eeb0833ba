package io.syncstore.imap.mode;

import java.text.Normalizer;

import org.apache.james.imap.api.process.ImapSession;

/**
 * Which stored mailbox a UTF-8 connection's name stands for. Names are compared in Unicode Normalization Form C on
 * both sides (RFC 5198 §2, RFC 6855 §3), so a mailbox stored decomposed (by a modified UTF-7 connection, or before
 * SyncStore normalized names) is reached by its name as listed and by its composed form. The IMAP package offers the
 * lookup to the session ({@link #offer}); without it a name is taken in NFC.
 */
public interface StoredNameLookup {
    String KEY = StoredNameLookup.class.getName();

    StoredNameLookup NFC_ONLY = (written, session) -> Normalizer.normalize(written, Normalizer.Form.NFC);

    /** The name to hand the processors for {@code written}: a stored name equal to it in NFC, else its NFC form. */
    String nameFor(String written, ImapSession session);

    static void offer(ImapSession session, StoredNameLookup lookup) {
        session.setAttribute(KEY, lookup);
    }

    static StoredNameLookup of(ImapSession session) {
        Object offered = session.getAttribute(KEY);
        return offered instanceof StoredNameLookup ? (StoredNameLookup) offered : NFC_ONLY;
    }
}
