package io.syncstore.imap.condstore;

import java.io.IOException;

import javax.inject.Inject;

import org.apache.james.imap.api.display.Locales;
import org.apache.james.imap.api.display.Localizer;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.StatusResponseEncoder;
import org.apache.james.imap.message.response.ImmutableStatusResponse;

/**
 * James's status responses, with the {@code MODIFIED} code of a conditional STORE written as RFC 7162 §3.1.3 says
 * ({@code OK [MODIFIED 7,9]}): James 3.8.1 builds that code with the number 0 and writes {@code [MODIFIED 0 7,9]}.
 */
public class ModifiedCodeEncoder extends StatusResponseEncoder {
    private static final String MODIFIED = "MODIFIED";

    private final Localizer localizer;

    @Inject
    public ModifiedCodeEncoder(Localizer localizer) {
        super(localizer);
        this.localizer = localizer;
    }

    @Override
    public void encode(ImmutableStatusResponse response, ImapResponseComposer composer) throws IOException {
        ResponseCode code = response.getResponseCode();
        if (code == null || !MODIFIED.equals(code.getCode()) || response.getTag() == null) {
            super.encode(response, composer);
            return;
        }
        composer.tag(response.getTag())
            .message(response.getServerResponseType().getCodeAsBytes())
            .openSquareBracket()
            .message(MODIFIED);
        for (String failed : code.getParameters()) {
            composer.message(failed);
        }
        composer.closeSquareBracket();
        if (response.getCommand() != null) {
            composer.commandName(response.getCommand());
        }
        String text = localizer.localize(response.getTextKey(), Locales.DEFAULT);
        if (text != null && !text.isEmpty()) {
            composer.message(text);
        }
        composer.end();
    }
}
