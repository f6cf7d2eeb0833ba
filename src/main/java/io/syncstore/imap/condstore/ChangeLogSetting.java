package io.syncstore.imap.condstore;

import org.apache.james.imap.api.ImapConfiguration;

/**
 * {@code <customProperties>qresync.useChangeLog=false</customProperties>} in an {@code <imapserver>}: resynchronize
 * by reading the whole mailbox even where the backend keeps a change log, as on any other backend. For comparisons
 * (the QRESYNC benchmark); the default, true, uses the log.
 */
public final class ChangeLogSetting {
    public static final String PROPERTY = "qresync.useChangeLog";

    private ChangeLogSetting() {
    }

    public static boolean useChangeLog(ImapConfiguration configuration) {
        String value = configuration.getCustomProperties().getProperty(PROPERTY, "true").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("imapserver.xml: customProperties " + PROPERTY + ": must be true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }
}
