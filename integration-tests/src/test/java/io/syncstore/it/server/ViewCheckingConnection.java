package io.syncstore.it.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

/**
 * An IMAP connection (STARTTLS, then LOGIN) that keeps what the server has told it about the selected mailbox, the
 * number of messages, and checks every untagged response against it (RFC 3501 §7.4.1, RFC 9051 §7.5): no sequence
 * number beyond what it was told exists, EXISTS never decreasing, no EXPUNGE while answering FETCH or STORE by sequence
 * number. What breaks a rule, and every NO or BAD, goes to the {@link Violations}; after a broken rule the connection
 * selects its mailbox again, so that one fault is not counted again in what follows.
 */
final class ViewCheckingConnection implements Closeable {
    private static final Pattern NUMBERED = Pattern.compile("^\\* (\\d+) (EXISTS|EXPUNGE|FETCH|RECENT)\\b");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)\\]");
    private static final Pattern COPYUID = Pattern.compile("\\[COPYUID \\d+ (\\d+) (\\d+)\\]");
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    /** The untagged responses of a command and its tagged status ("OK ...", "NO ...", "BAD ..."). */
    static final class Reply {
        final List<String> untagged;
        final String status;

        Reply(List<String> untagged, String status) {
            this.untagged = untagged;
            this.status = status;
        }

        boolean ok() {
            return status.startsWith("OK");
        }

        /** The UID a message got in the destination of APPEND, COPY or MOVE (UIDPLUS), or -1. */
        long newUid() {
            List<String> lines = new ArrayList<>(untagged);
            lines.add(status);
            for (String line : lines) {
                Matcher copied = COPYUID.matcher(line);
                if (copied.find()) {
                    return Long.parseLong(copied.group(2));
                }
                Matcher appended = APPENDUID.matcher(line);
                if (appended.find()) {
                    return Long.parseLong(appended.group(1));
                }
            }
            return -1;
        }
    }

    private final String name;
    private final Violations violations;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tags;
    private String selected;
    private int exists;

    private ViewCheckingConnection(String name, Violations violations, Socket plain) throws Exception {
        this.name = name;
        this.violations = violations;
        SSLSocket tls = (SSLSocket) RawImapSession.trustingEverything().getSocketFactory()
            .createSocket(plain, "127.0.0.1", plain.getPort(), true);
        tls.startHandshake();
        tls.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.socket = tls;
        this.in = new BufferedInputStream(tls.getInputStream(), 16384);
        this.out = new BufferedOutputStream(tls.getOutputStream(), 16384);
    }

    static ViewCheckingConnection login(int port, String user, String password, String name, Violations violations)
        throws Exception {
        Socket plain = new Socket("127.0.0.1", port);
        plain.setSoTimeout(READ_TIMEOUT_MILLIS);
        PlainStart.expectGreetingAndStartTls(plain);
        ViewCheckingConnection connection = new ViewCheckingConnection(name, violations, plain);
        connection.run("LOGIN " + user + " " + password, false);
        return connection;
    }

    String selected() {
        return selected;
    }

    int exists() {
        return exists;
    }

    void select(String mailbox) throws IOException {
        selected = mailbox;
        exists = 0;
        Reply reply = run("SELECT " + mailbox, false);
        if (!reply.ok()) {
            selected = null;
        }
    }

    /**
     * Runs a command, checking its untagged responses against the view. {@code bySequenceNumber}: a FETCH or STORE
     * naming sequence numbers, during which the server may not send EXPUNGE.
     */
    Reply run(String command, boolean bySequenceNumber) throws IOException {
        String tag = "c" + (++tags);
        send(tag + " " + command);
        return readReply(tag, command, bySequenceNumber);
    }

    Reply append(String mailbox, byte[] message) throws IOException {
        String tag = "c" + (++tags);
        String command = "APPEND " + mailbox + " {" + message.length + "}";
        send(tag + " " + command);
        String continuation = readLine();
        if (!continuation.startsWith("+")) {
            Reply refused = new Reply(List.of(), continuation.substring(tag.length() + 1));
            violations.refused(name, command, refused.status, this);
            return refused;
        }
        out.write(message);
        send("");
        return readReply(tag, command, false);
    }

    void logout() throws IOException {
        run("LOGOUT", false);
        close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return name + " (" + (selected == null ? "nothing selected" : selected + ", " + exists + " EXISTS") + ")";
    }

    /**
     * A FETCH of a message another connection expunged while it ran may answer the rest and a tagged NO
     * (RFC 2180 §4.1.3), as Dovecot does.
     */
    private static boolean expungedMeanwhile(String command, String status) {
        return command.contains("FETCH") && status.matches("NO (FETCH )?Some of the requested messages no longer exist.*");
    }

    private Reply readReply(String tag, String command, boolean bySequenceNumber) throws IOException {
        List<String> untagged = new ArrayList<>();
        boolean viewBroken = false;
        while (true) {
            String line = readLine();
            if (line.startsWith(tag + " ")) {
                Reply reply = new Reply(untagged, line.substring(tag.length() + 1));
                if (!reply.ok() && !expungedMeanwhile(command, reply.status)) {
                    violations.refused(name, command, reply.status, this);
                }
                if (viewBroken && selected != null) {
                    select(selected);
                }
                return reply;
            }
            untagged.add(line);
            if (selected != null) {
                viewBroken |= !follow(line, command, bySequenceNumber);
            }
        }
    }

    /** Moves the view along one untagged response; false when the response breaks a rule. */
    private boolean follow(String line, String command, boolean bySequenceNumber) {
        Matcher numbered = NUMBERED.matcher(line);
        if (!numbered.find()) {
            return true;
        }
        int number = Integer.parseInt(numbered.group(1));
        switch (numbered.group(2)) {
            case "EXISTS":
                if (number < exists) {
                    violations.beyondView(name, command, line, "EXISTS decreased from " + exists, this);
                    exists = number;
                    return false;
                }
                exists = number;
                return true;
            case "EXPUNGE":
                boolean valid = true;
                if (bySequenceNumber) {
                    violations.expungeDuringSequenceCommand(name, command, line, this);
                    valid = false;
                }
                if (number < 1 || number > exists) {
                    violations.beyondView(name, command, line, "EXPUNGE beyond EXISTS " + exists, this);
                    return false;
                }
                exists--;
                return valid;
            case "FETCH":
                if (number < 1 || number > exists) {
                    violations.beyondView(name, command, line, "FETCH beyond EXISTS " + exists, this);
                    return false;
                }
                return true;
            default:
                return true;
        }
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One response line, literals included in it. */
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next == -1) {
                throw new IOException("connection closed by the server after: " + bytes.toString(StandardCharsets.UTF_8));
            }
            if (previous == '\r' && next == '\n') {
                byte[] line = bytes.toByteArray();
                return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
            }
            bytes.write(next);
            previous = next;
        }
    }

    /** The greeting and STARTTLS, spoken in clear before the TLS socket takes over. */
    private static final class PlainStart {
        static void expectGreetingAndStartTls(Socket plain) throws IOException {
            InputStream in = plain.getInputStream();
            String greeting = line(in);
            if (!greeting.startsWith("* OK")) {
                throw new IOException("unexpected greeting: " + greeting);
            }
            plain.getOutputStream().write("s STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = line(in);
            if (!answer.startsWith("s OK")) {
                throw new IOException("STARTTLS refused: " + answer);
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int next;
            while ((next = in.read()) != '\n') {
                if (next == -1) {
                    throw new IOException("connection closed before STARTTLS");
                }
                bytes.write(next);
            }
            return bytes.toString(StandardCharsets.US_ASCII).strip();
        }
    }
}
