package io.syncstore.imap.utf8;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/**
 * Writes a {@link Utf8Response} with James's encoder for the response it holds, through a composer that writes a
 * mailbox name, and a quoted string holding characters beyond US-ASCII, as a UTF-8 quoted string (RFC 6855 §3).
 */
public class Utf8ResponseEncoder implements ImapResponseEncoder<Utf8Response> {
    private final Provider<ImapEncoder> encoder;

    @Inject
    public Utf8ResponseEncoder(Provider<ImapEncoder> encoder) {
        this.encoder = encoder;
    }

    @Override
    public Class<Utf8Response> acceptableMessages() {
        return Utf8Response.class;
    }

    @Override
    public void encode(Utf8Response response, ImapResponseComposer composer) throws IOException {
        encoder.get().encode(response.response(), inUtf8(composer));
    }

    private static ImapResponseComposer inUtf8(ImapResponseComposer composer) {
        return (ImapResponseComposer) Proxy.newProxyInstance(ImapResponseComposer.class.getClassLoader(),
            new Class<?>[] {ImapResponseComposer.class}, (proxy, method, arguments) -> {
                Object result = writesUtf8(method, arguments)
                    ? composer.message(quoted((String) arguments[0]))
                    : invoke(composer, method, arguments);
                return result == composer ? proxy : result;
            });
    }

    private static boolean writesUtf8(Method method, Object[] arguments) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != String.class) {
            return false;
        }
        return method.getName().equals("mailbox")
            || method.getName().equals("quote") && !((String) arguments[0]).chars().allMatch(c -> c < 128);
    }

    private static Object invoke(ImapResponseComposer composer, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(composer, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static byte[] quoted(String text) {
        return ('"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"').getBytes(UTF_8);
    }
}
