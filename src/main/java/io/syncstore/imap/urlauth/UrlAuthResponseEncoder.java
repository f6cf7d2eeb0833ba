package io.syncstore.imap.urlauth;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;
import org.apache.james.imap.message.BytesBackedLiteral;

/** Writes GENURLAUTH's, URLFETCH's and URLMECH's untagged responses (RFC 4467 §7), URLFETCH's octets as literals. */
public class UrlAuthResponseEncoder implements ImapResponseEncoder<UrlAuthResponse> {
    @Override
    public Class<UrlAuthResponse> acceptableMessages() {
        return UrlAuthResponse.class;
    }

    @Override
    public void encode(UrlAuthResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged().message(response.name());
        List<String> urls = response.urls();
        for (int i = 0; i < urls.size(); i++) {
            if (response.quoted()) {
                composer.quote(urls.get(i));
            } else {
                composer.message(urls.get(i));
            }
            if (response.contents().isPresent()) {
                Optional<byte[]> content = response.contents().get().get(i);
                if (content.isPresent()) {
                    composer.literal(BytesBackedLiteral.of(content.get()));
                } else {
                    composer.nil();
                }
            }
        }
        composer.end();
    }
}
