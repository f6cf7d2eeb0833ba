package io.syncstore.it.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text IMAP connection with a small response reader. Literals in responses are read and dropped (their size
 * is kept in {@link #literalBytes}), so a line holds the response text with "{n}" where the literal was.
 * Every command waits for its tagged response before the next one is written: nothing is pipelined, in particular
 * nothing after an APPEND with a LITERAL+ literal (stock James 3.8.1 re-executes such pipelined commands).
 */
final class ImapConnection implements Closeable {
    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean literalPlus;
    private final StringBuilder line = new StringBuilder(256);
    private int tags;
    long literalBytes;

    ImapConnection(String host, int port) throws IOException {
        channel = SocketChannel.open(new InetSocketAddress(host, port));
        socket = channel.socket();
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = new BufferedOutputStream(socket.getOutputStream(), 65536);
        String greeting = readLine();
        if (!greeting.startsWith("* OK")) {
            throw new IOException("Unexpected greeting: " + greeting);
        }
        literalPlus = command("CAPABILITY").untagged.stream().anyMatch(l -> l.contains(" LITERAL+"));
    }

    static ImapConnection login(String host, int port, String user, String password) throws IOException {
        ImapConnection connection = new ImapConnection(host, port);
        connection.command("LOGIN \"" + user + "\" \"" + password + "\"").require();
        return connection;
    }

    /** Sends a command and reads up to its tagged response. */
    Response command(String command) throws IOException {
        String tag = nextTag();
        write(tag + " " + command + "\r\n");
        out.flush();
        return readResponse(tag);
    }

    /** APPEND with a LITERAL+ literal when the server offers it, else a synchronizing literal. */
    Response append(String mailbox, String flags, byte[] message) throws IOException {
        String tag = nextTag();
        String flagList = flags == null ? "" : "(" + flags + ") ";
        if (literalPlus) {
            write(tag + " APPEND " + mailbox + " " + flagList + "{" + message.length + "+}\r\n");
        } else {
            write(tag + " APPEND " + mailbox + " " + flagList + "{" + message.length + "}\r\n");
            out.flush();
            String continuation = readLine();
            if (!continuation.startsWith("+")) {
                return new Response(List.of(), continuation);
            }
        }
        out.write(message);
        write("\r\n");
        out.flush();
        return readResponse(tag);
    }

    /** Writes a command without waiting for its completion (IDLE, NOTIFY): the caller reads with {@link #readLine}. */
    String send(String command) throws IOException {
        String tag = nextTag();
        write(tag + " " + command + "\r\n");
        out.flush();
        return tag;
    }

    void sendRaw(String text) throws IOException {
        write(text);
        out.flush();
    }

    Response readResponse(String tag) throws IOException {
        List<String> untagged = new ArrayList<>();
        while (true) {
            String response = readLine();
            if (response.startsWith(tag + " ")) {
                return new Response(untagged, response.substring(tag.length() + 1));
            }
            untagged.add(response);
        }
    }

    /** One response line; a literal's bytes are skipped and the line goes on after them. */
    String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("Connection closed by the server after: " + line);
            }
            if (c == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(--length);
                }
                int literal = literalSize(line);
                if (literal < 0) {
                    return line.toString();
                }
                skip(literal);
                literalBytes += literal;
                continue;
            }
            line.append((char) c);
        }
    }

    private static int literalSize(CharSequence text) {
        int end = text.length() - 1;
        if (end < 2 || text.charAt(end) != '}') {
            return -1;
        }
        int start = end - 1;
        while (start >= 0 && Character.isDigit(text.charAt(start))) {
            start--;
        }
        if (start < 0 || start == end - 1 || text.charAt(start) != '{') {
            return -1;
        }
        return Integer.parseInt(text.subSequence(start + 1, end).toString());
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("Connection closed inside a literal");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /**
     * The connection's channel, for a reader of many connections at once ({@link SessionLines}); nothing must be left
     * unread here when it takes over, and this connection's own reads and writes end.
     */
    SocketChannel handOver() throws IOException {
        if (in.available() > 0) {
            throw new IOException("Unread responses before the hand-over");
        }
        return channel;
    }

    void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private String nextTag() {
        return "a" + (++tags);
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The untagged responses of a command and the text of its tagged response (status first). */
    static final class Response {
        final List<String> untagged;
        final String status;

        Response(List<String> untagged, String status) {
            this.untagged = untagged;
            this.status = status;
        }

        boolean ok() {
            return status.startsWith("OK");
        }

        Response require() throws IOException {
            if (!ok()) {
                throw new IOException("Command failed: " + status);
            }
            return this;
        }

        /** The UID of the "[APPENDUID uidvalidity uid]" code of an APPEND's tagged OK (RFC 4315), or -1. */
        long appendUid() {
            int at = status.indexOf("[APPENDUID ");
            if (at < 0) {
                return -1;
            }
            String[] code = status.substring(at + 11, status.indexOf(']', at)).split(" ");
            return Long.parseLong(code[1]);
        }

        /** The number n of the last "* n EXISTS", or -1. */
        int exists() {
            int result = -1;
            for (String response : untagged) {
                if (response.endsWith(" EXISTS")) {
                    result = Integer.parseInt(response.substring(2, response.length() - 7));
                }
            }
            return result;
        }
    }
}
