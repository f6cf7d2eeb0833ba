package io.syncstore.it.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Sends one command at a time on a plain socket and returns its responses, literals inlined as {n}CRLF bytes. A
 * connection the server closes (after BYE, or a reset) ends the command's responses with {@link #CLOSED}, and every
 * later command is answered {@link #CLOSED} alone: a server may close after an unrecoverable literal (RFC 7888 §4).
 * After {@link #compress()} both directions are raw DEFLATE (RFC 4978 §4).
 */
final class ImapScriptClient implements Closeable {
    static final String CLOSED = "(connection closed)";
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");
    private final Socket socket;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private InputStream in;
    private OutputStream out;
    private boolean closed;

    ImapScriptClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
        readResponse();
    }

    /** Writes the command (its bytes end with CRLF) and reads up to its tagged response. */
    List<String> command(String tag, byte[] command) throws IOException {
        List<String> lines = new ArrayList<>();
        try {
            if (!closed) {
                out.write(command);
                out.flush();
            }
            while (!closed) {
                String line = readResponse();
                if (line.startsWith("+")) {
                    continue;
                }
                lines.add(line);
                if (line.startsWith(tag + " ")) {
                    return lines;
                }
            }
        } catch (SocketTimeoutException hang) {
            throw hang;
        } catch (IOException closedByServer) {
            closed = true;
        }
        lines.add(CLOSED);
        return lines;
    }

    /**
     * Compresses the rest of the connection, to be called after the server's tagged OK to COMPRESS DEFLATE. The
     * inflater reads on from the buffered stream, which may already hold the first compressed octets; each command
     * ends with a SYNC_FLUSH (out.flush()) so that the server can inflate all of it at once.
     */
    void compress() {
        in = new BufferedInputStream(new InflaterInputStream(in, inflater), 1 << 16);
        out = new DeflaterOutputStream(out, deflater, true);
    }

    private String readResponse() throws IOException {
        StringBuilder response = new StringBuilder();
        while (true) {
            String line = readLine();
            response.append(line);
            Matcher matcher = LITERAL.matcher(line);
            if (!matcher.find()) {
                return response.toString();
            }
            int size = Integer.parseInt(matcher.group(1));
            byte[] literal = in.readNBytes(size);
            if (literal.length < size) {
                throw new IOException("Connection closed inside a literal");
            }
            response.append("\r\n").append(new String(literal, StandardCharsets.ISO_8859_1));
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("Connection closed; partial line: " + line.toString(StandardCharsets.UTF_8));
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            deflater.end();
            inflater.end();
        }
    }
}
