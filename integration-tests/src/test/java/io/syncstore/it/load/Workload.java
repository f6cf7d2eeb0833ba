package io.syncstore.it.load;

/** The workloads of the end-to-end IMAP load benchmark (docs/benchmarks.md, "End-to-end IMAP"). */
enum Workload {
    /** Durable delivery by IMAP APPEND of realistic messages (2-100 KB, some with attachments), one user a client. */
    APPEND,
    /**
     * APPEND with flag-and-expunge, the APPEND-heavy shape of Dovecot's imaptest: on the selected INBOX, APPEND, then
     * UID STORE of \Deleted on the appended message and EXPUNGE, so the mailbox stays bounded.
     */
    APPEND_EXPUNGE,
    /** Durable delivery by LMTP, one recipient a transaction, the same corpus. */
    LMTP,
    /** Client sessions: LOGIN, SELECT, FETCH envelopes and bodies, STORE, SEARCH, APPEND, EXPUNGE, LOGOUT. */
    MIXED,
    /** MIXED without its two SEARCHes: the login/select/fetch/store/append/expunge/logout mix of imaptest's default. */
    DEFAULT_MIX,
    /** Fill one mailbox to --messages (APPEND from --clients connections), then SELECT + UID FETCH 1:* (FLAGS). */
    BIGBOX,
    /** A new message reaching --sessions connections in IDLE on the INBOX. */
    IDLE,
    /**
     * A flag change reaching --sessions connections in IDLE on the INBOX: the writer, with the INBOX selected, sets and
     * clears \Flagged on one message in turn (UID STORE ... FLAGS.SILENT); the sessions wait for its FETCH FLAGS.
     */
    IDLE_FLAGS,
    /** A new message reaching --sessions connections with NOTIFY SET (personal (MessageNew MessageExpunge)). */
    NOTIFY,
    /** The same corpus delivered to --users recipients (LMTP with that many RCPT, else APPEND to each): disk usage. */
    DEDUP,
    /** Fill one mailbox to --messages of the corpus, then UID FETCH 1:* (FLAGS) and FETCH 1:100 (ENVELOPE BODYSTRUCTURE). */
    FETCH,
    /** A device that was away resynchronises the BIGBOX mailbox after 10 changes: SELECT ... (QRESYNC ...). */
    QRESYNC,
    /** Fill one mailbox to --messages small messages, then SEARCH TEXT, SUBJECT, FROM, UNSEEN and FLAGGED, each timed. */
    SEARCH,
    /** Fill one mailbox to --messages small messages in threads, then THREAD REFERENCES, REFS and ORDEREDSUBJECT, SORT by DATE, SUBJECT and FROM. */
    THREAD,
    /**
     * Fill one mailbox to --messages of varied mail, then SEARCH BODY/TEXT/SUBJECT/FROM and the SORT and THREAD
     * commands of THREAD, each timed.
     */
    MAIL_SEARCH
}
