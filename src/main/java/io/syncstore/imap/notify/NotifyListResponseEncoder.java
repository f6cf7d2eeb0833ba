package io.syncstore.imap.notify;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

public class NotifyListResponseEncoder implements ImapResponseEncoder<NotifyListResponse> {
    @Override
    public Class<NotifyListResponse> acceptableMessages() {
        return NotifyListResponse.class;
    }

    @Override
    public void encode(NotifyListResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged();
        composer.message("LIST");
        composer.openParen();
        for (String attribute : response.getAttributes()) {
            composer.message(attribute);
        }
        composer.closeParen();
        composer.quote(Character.toString(response.getDelimiter()));
        composer.mailbox(response.getName());
        if (response.getOldName().isPresent()) {
            composer.openParen();
            composer.quote("OLDNAME");
            composer.openParen();
            composer.mailbox(response.getOldName().get());
            composer.closeParen();
            composer.closeParen();
        }
        composer.end();
    }
}
