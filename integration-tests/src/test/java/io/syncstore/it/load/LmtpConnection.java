package io.syncstore.it.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An LMTP (RFC 2033) connection delivering one message per transaction to one or more recipients. */
final class LmtpConnection implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int transactions;

    LmtpConnection(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 65536);
        expect("220");
        send("LHLO load.test");
        String reply;
        do {
            reply = expect("250");
        } while (reply.startsWith("250-"));
    }

    /**
     * Delivers a message; returns the number of recipients whose delivery the server confirmed. Every transaction
     * after the first starts with RSET, as Postfix does on a reused connection: James 3.8.1's LMTP server keeps the
     * sender after DATA and answers the next MAIL FROM with "503 5.5.0 Sender already specified".
     */
    int deliver(String from, List<String> recipients, byte[] message) throws IOException {
        if (transactions++ > 0) {
            send("RSET");
            expect("250");
        }
        send("MAIL FROM:<" + from + ">");
        expect("250");
        int accepted = 0;
        for (String recipient : recipients) {
            send("RCPT TO:<" + recipient + ">");
            if (readReply().startsWith("250")) {
                accepted++;
            }
        }
        if (accepted == 0) {
            send("RSET");
            expect("250");
            return 0;
        }
        send("DATA");
        expect("354");
        out.write(dotStuffed(message));
        send(".");
        int delivered = 0;
        for (int i = 0; i < accepted; i++) {
            if (readReply().startsWith("250")) {
                delivered++;
            }
        }
        return delivered;
    }

    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream result = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                result.write('.');
            }
            result.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            result.write('\r');
            result.write('\n');
        }
        return result.toByteArray();
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String expect(String code) throws IOException {
        String reply = readReply();
        if (!reply.startsWith(code)) {
            throw new IOException("Expected " + code + ", got: " + reply);
        }
        return reply;
    }

    private String readReply() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("LMTP connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            send("QUIT");
        } catch (IOException ignored) {
            // closing anyway
        }
        socket.close();
    }
}
