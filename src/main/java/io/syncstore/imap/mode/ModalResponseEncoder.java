package io.syncstore.imap.mode;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import javax.inject.Inject;
import javax.inject.Provider;
import javax.mail.Flags;

import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

import io.syncstore.mime.Utf8Strings;

/**
 * Writes a {@link ModalResponse} with James's encoder for the response it holds, through a composer that writes as
 * the connection's modes say: a mailbox name, and a quoted string holding characters beyond US-ASCII, as a UTF-8
 * quoted string; flags without {@code \Recent}.
 */
public class ModalResponseEncoder implements ImapResponseEncoder<ModalResponse> {
    private final Provider<ImapEncoder> encoder;

    @Inject
    public ModalResponseEncoder(Provider<ImapEncoder> encoder) {
        this.encoder = encoder;
    }

    @Override
    public Class<ModalResponse> acceptableMessages() {
        return ModalResponse.class;
    }

    @Override
    public void encode(ModalResponse response, ImapResponseComposer composer) throws IOException {
        encoder.get().encode(response.response(), modal(composer, response));
    }

    private static ImapResponseComposer modal(ImapResponseComposer composer, ModalResponse response) {
        return (ImapResponseComposer) Proxy.newProxyInstance(ImapResponseComposer.class.getClassLoader(),
            new Class<?>[] {ImapResponseComposer.class}, (proxy, method, arguments) -> {
                Object result;
                if (response.utf8() && writesUtf8(method, arguments)) {
                    result = composer.message(Utf8Strings.quoted((String) arguments[0]));
                } else if (response.rev2() && method.getName().equals("flags")) {
                    result = composer.flags(withoutRecent((Flags) arguments[0]));
                } else {
                    result = invoke(composer, method, arguments);
                }
                return result == composer ? proxy : result;
            });
    }

    private static boolean writesUtf8(Method method, Object[] arguments) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != String.class) {
            return false;
        }
        return method.getName().equals("mailbox")
            || method.getName().equals("quote") && Utf8Strings.beyondAscii((String) arguments[0]);
    }

    private static Flags withoutRecent(Flags flags) {
        Flags copy = new Flags(flags);
        copy.remove(Flags.Flag.RECENT);
        return copy;
    }

    private static Object invoke(ImapResponseComposer composer, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(composer, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
