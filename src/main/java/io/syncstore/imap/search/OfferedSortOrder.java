package io.syncstore.imap.search;

import java.util.Optional;

import javax.inject.Inject;

import io.syncstore.api.MessageSortOrder;

/**
 * The {@link MessageSortOrder} the server's backend binds, if any (none in a stock James). Guice's optional injection,
 * as {@code io.syncstore.imap.urlauth.OfferedUrlAuthKeys} explains.
 */
public class OfferedSortOrder {
    @com.google.inject.Inject(optional = true)
    private MessageSortOrder order;

    @Inject
    public OfferedSortOrder() {
    }

    public Optional<MessageSortOrder> get() {
        return Optional.ofNullable(order);
    }
}
