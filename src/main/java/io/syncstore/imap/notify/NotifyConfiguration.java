package io.syncstore.imap.notify;

import java.time.Duration;
import java.util.Properties;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;

/**
 * Limits read from the {@code <customProperties>} of an {@code <imapserver>} in imapserver.xml:
 * <pre>
 *   notify.maxPending=1000          notifications waiting for one session before NOTIFICATIONOVERFLOW
 *   notify.maxStatusMailboxes=1000  mailboxes the STATUS indicator answers for before NOTIFICATIONOVERFLOW
 *   notify.retryUnwritableMillis=50 how often a session whose client does not read is looked at again
 * </pre>
 */
public final class NotifyConfiguration {
    public static final String MAX_PENDING = "notify.maxPending";
    public static final String MAX_STATUS_MAILBOXES = "notify.maxStatusMailboxes";
    public static final String RETRY_UNWRITABLE = "notify.retryUnwritableMillis";

    public static final NotifyConfiguration DEFAULT = new NotifyConfiguration(1000, 1000, Duration.ofMillis(50));

    public static NotifyConfiguration from(Properties properties) {
        return new NotifyConfiguration(
            positive(properties, MAX_PENDING, DEFAULT.maxPending),
            positive(properties, MAX_STATUS_MAILBOXES, DEFAULT.maxStatusMailboxes),
            Duration.ofMillis(positive(properties, RETRY_UNWRITABLE, (int) DEFAULT.retryUnwritable.toMillis())));
    }

    private static int positive(Properties properties, String key, int defaultValue) {
        Object value = properties.get(key);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("imapserver.xml customProperties " + key + " must be a positive integer, got '" + value + "'");
        }
        Preconditions.checkArgument(parsed > 0, "imapserver.xml customProperties %s must be a positive integer, got %s", key, parsed);
        return parsed;
    }

    private final int maxPending;
    private final int maxStatusMailboxes;
    private final Duration retryUnwritable;

    public NotifyConfiguration(int maxPending, int maxStatusMailboxes, Duration retryUnwritable) {
        this.maxPending = maxPending;
        this.maxStatusMailboxes = maxStatusMailboxes;
        this.retryUnwritable = retryUnwritable;
    }

    public int getMaxPending() {
        return maxPending;
    }

    public int getMaxStatusMailboxes() {
        return maxStatusMailboxes;
    }

    public Duration getRetryUnwritable() {
        return retryUnwritable;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("maxPending", maxPending)
            .add("maxStatusMailboxes", maxStatusMailboxes)
            .add("retryUnwritable", retryUnwritable)
            .toString();
    }
}
