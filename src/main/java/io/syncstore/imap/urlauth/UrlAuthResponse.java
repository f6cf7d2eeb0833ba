package io.syncstore.imap.urlauth;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * {@code * GENURLAUTH url …} (the signed URLs), or {@code * URLFETCH url nstring …} (each URL with its octets, NIL
 * when it cannot be read).
 */
public final class UrlAuthResponse implements ImapResponseMessage {
    private final String name;
    private final List<String> urls;
    private final Optional<List<Optional<byte[]>>> contents;

    private UrlAuthResponse(String name, List<String> urls, Optional<List<Optional<byte[]>>> contents) {
        this.name = name;
        this.urls = List.copyOf(urls);
        this.contents = contents;
    }

    static UrlAuthResponse signed(List<String> urls) {
        return new UrlAuthResponse("GENURLAUTH", urls, Optional.empty());
    }

    static UrlAuthResponse fetched(List<String> urls, List<Optional<byte[]>> contents) {
        return new UrlAuthResponse("URLFETCH", urls, Optional.of(List.copyOf(contents)));
    }

    String name() {
        return name;
    }

    List<String> urls() {
        return urls;
    }

    Optional<List<Optional<byte[]>>> contents() {
        return contents;
    }
}
