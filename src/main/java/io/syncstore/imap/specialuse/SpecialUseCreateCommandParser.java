package io.syncstore.imap.specialuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.apache.james.imap.message.request.CreateRequest;

import io.syncstore.imap.mode.Utf8RequestLineReader;

/**
 * {@code CREATE mailbox [SP "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"]} (RFC 4466 create-params, RFC 6154
 * §3). Any other create parameter is BAD (RFC 4466 §2.2). A trailing hierarchy delimiter is dropped (RFC 3501
 * §6.3.3), and a name made of delimiters only is BAD, as James's parser does.
 */
public class SpecialUseCreateCommandParser extends AbstractImapCommandParser {
    @Inject
    public SpecialUseCreateCommandParser(StatusResponseFactory statusResponseFactory) {
        super(ImapConstants.CREATE_COMMAND, statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        String name = request.mailbox();
        String delimiter = String.valueOf(session.getMailboxSession().getPathDelimiter());
        if (name.replace(delimiter, "").isEmpty()) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Invalid mailbox name");
        }
        Optional<String> asWritten = Utf8RequestLineReader.lastNameAsWritten(session).map(written -> withoutTrailing(written, delimiter));
        name = withoutTrailing(name, delimiter);
        if (request.nextChar() != ' ') {
            request.eol();
            return asWritten.isPresent() ? new SpecialUseCreateRequest(name, tag, List.of(), asWritten) : new CreateRequest(name, tag);
        }
        request.consumeChar(' ');
        request.consumeChar('(');
        String parameter = request.atom();
        if (!parameter.equalsIgnoreCase("USE")) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Unknown CREATE parameter " + parameter);
        }
        request.consumeChar(' ');
        request.consumeChar('(');
        List<String> uses = new ArrayList<>();
        while (request.nextNonSpaceChar() != ')') {
            if (request.nextChar() != '\\') {
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "A use attribute starts with \\");
            }
            request.consume();
            uses.add("\\" + request.atom());
        }
        request.consumeChar(')');
        request.consumeChar(')');
        request.eol();
        return new SpecialUseCreateRequest(name, tag, uses, asWritten);
    }

    private static String withoutTrailing(String name, String delimiter) {
        return name.endsWith(delimiter) ? name.substring(0, name.length() - delimiter.length()) : name;
    }
}
