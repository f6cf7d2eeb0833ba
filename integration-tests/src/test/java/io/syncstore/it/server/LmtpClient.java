package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Delivers one message over LMTP (RFC 2033), as an MTA in front of the server would. */
final class LmtpClient {
    private LmtpClient() {
    }

    static void deliver(int port, String from, String to, String message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            send(out, "LHLO test.example");
            String line;
            do {
                line = in.readLine();
                assertThat(line).startsWith("250");
            } while (line.startsWith("250-"));
            send(out, "MAIL FROM:<" + from + ">");
            expect(in, "250");
            send(out, "RCPT TO:<" + to + ">");
            expect(in, "250");
            send(out, "DATA");
            expect(in, "354");
            send(out, message.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n.");
            // One reply per accepted recipient: the message is in that recipient's mailbox.
            expect(in, "250");
            send(out, "QUIT");
            expect(in, "221");
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        assertThat(in.readLine()).startsWith(code);
    }
}
