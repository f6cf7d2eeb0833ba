package io.syncstore.imap.urlauth;

import java.util.Optional;

import javax.inject.Inject;

import io.syncstore.api.UrlAuthKeys;

/**
 * The {@link UrlAuthKeys} the server binds, if any. Guice's optional injection rather than an {@code OptionalBinder}:
 * a stock James creates the IMAP processors in its root injector, which never sees a binding made by a module of
 * {@code guice.extension.module}, so an injected {@code Optional<UrlAuthKeys>} could not be built there.
 */
public class OfferedUrlAuthKeys {
    @com.google.inject.Inject(optional = true)
    private UrlAuthKeys keys;

    @Inject
    public OfferedUrlAuthKeys() {
    }

    public Optional<UrlAuthKeys> get() {
        return Optional.ofNullable(keys);
    }
}
