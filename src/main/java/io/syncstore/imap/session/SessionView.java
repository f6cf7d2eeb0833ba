package io.syncstore.imap.session;

import javax.mail.Flags;

import org.apache.james.imap.api.process.ImapSession;

/** What a session was told of its selected mailbox: the message count and the flags listed by FLAGS. */
final class SessionView {
    private static final String ATTRIBUTE = SessionView.class.getName();

    long exists;
    private final Flags announced = new Flags();

    static SessionView of(ImapSession session) {
        synchronized (session) {
            Object existing = session.getAttribute(ATTRIBUTE);
            if (existing instanceof SessionView) {
                return (SessionView) existing;
            }
            SessionView view = new SessionView();
            session.setAttribute(ATTRIBUTE, view);
            return view;
        }
    }

    void announce(Flags flags) {
        for (String keyword : announced.getUserFlags()) {
            announced.remove(keyword);
        }
        announced.add(flags);
    }

    Flags announced() {
        return announced;
    }

    /** The keywords of {@code flags} no FLAGS response listed yet, or null. */
    Flags unannounced(Flags flags) {
        Flags missing = null;
        for (String keyword : flags.getUserFlags()) {
            if (!announced.contains(keyword)) {
                if (missing == null) {
                    missing = new Flags();
                }
                missing.add(keyword);
            }
        }
        return missing;
    }
}
