package io.syncstore.imap.notify;

import javax.inject.Inject;

import org.apache.james.utils.GuiceProbe;

/** Lets tests count what the NOTIFY registry of the running server holds. */
public class NotifyProbe implements GuiceProbe {
    private final NotifyRegistry registry;

    @Inject
    public NotifyProbe(NotifyRegistry registry) {
        this.registry = registry;
    }

    public NotifyRegistry registry() {
        return registry;
    }
}
