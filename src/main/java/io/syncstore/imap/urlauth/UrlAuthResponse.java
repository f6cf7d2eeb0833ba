package io.syncstore.imap.urlauth;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * {@code * GENURLAUTH url …} (the signed URLs), {@code * URLFETCH url nstring …} (each URL with its octets, NIL
 * when it cannot be read), or {@code * URLMECH mechanism …} (atoms, not quoted).
 */
public final class UrlAuthResponse implements ImapResponseMessage {
    private final String name;
    private final List<String> urls;
    private final Optional<List<Optional<byte[]>>> contents;
    private final boolean quoted;

    private UrlAuthResponse(String name, List<String> urls, Optional<List<Optional<byte[]>>> contents, boolean quoted) {
        this.name = name;
        this.urls = List.copyOf(urls);
        this.contents = contents;
        this.quoted = quoted;
    }

    static UrlAuthResponse signed(List<String> urls) {
        return new UrlAuthResponse("GENURLAUTH", urls, Optional.empty(), true);
    }

    static UrlAuthResponse fetched(List<String> urls, List<Optional<byte[]>> contents) {
        return new UrlAuthResponse("URLFETCH", urls, Optional.of(List.copyOf(contents)), true);
    }

    static UrlAuthResponse mechanisms(String... mechanisms) {
        return new UrlAuthResponse("URLMECH", List.of(mechanisms), Optional.empty(), false);
    }

    String name() {
        return name;
    }

    List<String> urls() {
        return urls;
    }

    boolean quoted() {
        return quoted;
    }

    Optional<List<Optional<byte[]>>> contents() {
        return contents;
    }
}
