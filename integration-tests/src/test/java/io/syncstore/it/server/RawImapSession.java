package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An IMAP connection spoken line by line, to see exactly which untagged responses the server pushes and when.
 * Literals are read whole and kept inline in their line.
 */
final class RawImapSession implements Closeable {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");
    /** A server that does not answer within this fails the test instead of hanging it. */
    private static final int ANSWER_TIMEOUT_MILLIS = 120_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tagCounter;
    private String idleTag;

    RawImapSession(int port, String user, String password) throws Exception {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        assertThat(readLine()).startsWith("* OK");
        command("STARTTLS");
        SSLSocket tls = (SSLSocket) trustingEverything().getSocketFactory().createSocket(socket, "127.0.0.1", port, true);
        tls.startHandshake();
        socket = tls;
        socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
        in = tls.getInputStream();
        out = tls.getOutputStream();
        command("LOGIN " + user + " " + password);
    }

    /** Runs a command that must succeed; returns its untagged responses. */
    List<String> command(String command) throws IOException {
        List<String> lines = attempt(command);
        assertThat(lines.get(lines.size() - 1)).as(command).matches("t\\d+ OK.*");
        return new ArrayList<>(lines.subList(0, lines.size() - 1));
    }

    /**
     * APPEND with a synchronizing literal (LITERAL+ makes a stock James 3.8.1 replay what follows it); returns the
     * tagged OK, with its APPENDUID.
     */
    String append(String mailbox, String message) throws IOException {
        String tagged = tryAppend(mailbox, message);
        assertThat(tagged).as("APPEND").matches("t\\d+ OK.*");
        return tagged;
    }

    /** APPEND, whatever its outcome: returns the tagged answer (or the refusal of the literal). */
    String tryAppend(String mailbox, String message) throws IOException {
        String tag = "t" + (++tagCounter);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        send(tag + " APPEND " + mailbox + " {" + bytes.length + "}");
        String continuation = readLine();
        while (continuation.startsWith("* ")) {
            continuation = readLine();
        }
        if (!continuation.startsWith("+")) {
            return continuation;
        }
        out.write(bytes);
        send("");
        while (true) {
            String line = readLine();
            if (line.startsWith(tag + " ")) {
                return line;
            }
        }
    }

    /** Runs a command whatever its outcome: returns its untagged responses, then its tagged answer. */
    List<String> attempt(String command) throws IOException {
        String tag = "t" + (++tagCounter);
        send(tag + " " + command);
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    void idle() throws IOException {
        idleTag = "t" + (++tagCounter);
        send(idleTag + " IDLE");
        assertThat(readLine()).startsWith("+");
    }

    /** Reads what the server pushes while idling until a line matches; returns the lines read. */
    List<String> awaitPushed(Predicate<String> expected, Duration timeout) throws IOException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            try {
                String line = readLine();
                lines.add(line);
                if (expected.test(line)) {
                    return lines;
                }
            } catch (SocketTimeoutException e) {
                break;
            } finally {
                socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            }
        }
        throw new AssertionError("Nothing matching was pushed within " + timeout + "; pushed: " + lines);
    }

    /** Ends IDLE; returns the untagged responses sent before the server completed it. */
    List<String> done() throws IOException {
        send("DONE");
        List<String> untagged = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.startsWith(idleTag + " ")) {
                assertThat(line).startsWith(idleTag + " OK");
                return untagged;
            }
            untagged.add(line);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(rawLine());
        Matcher literal = LITERAL.matcher(line);
        while (literal.find()) {
            line.append("\r\n").append(new String(in.readNBytes(Integer.parseInt(literal.group(1))), StandardCharsets.UTF_8));
            line.append(rawLine());
            literal = LITERAL.matcher(line);
        }
        return line.toString();
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next == -1) {
                throw new IOException("Connection closed by the server after: " + bytes.toString(StandardCharsets.UTF_8));
            }
            if (previous == '\r' && next == '\n') {
                byte[] line = bytes.toByteArray();
                return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
            }
            bytes.write(next);
            previous = next;
        }
    }

    static SSLContext trustingEverything() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }
}
