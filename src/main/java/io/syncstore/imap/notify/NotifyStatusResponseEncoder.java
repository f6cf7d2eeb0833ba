package io.syncstore.imap.notify;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

public class NotifyStatusResponseEncoder implements ImapResponseEncoder<NotifyStatusResponse> {
    @Override
    public Class<NotifyStatusResponse> acceptableMessages() {
        return NotifyStatusResponse.class;
    }

    @Override
    public void encode(NotifyStatusResponse response, ImapResponseComposer composer) throws IOException {
        if (response.getTag().isPresent()) {
            composer.tag(response.getTag().get());
        } else {
            composer.untagged();
        }
        composer.message(response.getType());
        composer.openSquareBracket();
        composer.message(response.getCode());
        composer.closeSquareBracket();
        composer.message(response.getText());
        composer.end();
    }
}
