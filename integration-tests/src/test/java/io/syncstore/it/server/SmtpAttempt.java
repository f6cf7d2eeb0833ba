package io.syncstore.it.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One message offered over SMTP, as a sending server offers it: returns the server's last reply, the one that
 * accepted the message (250 after the data) or the first that refused it (4xx, 5xx).
 */
final class SmtpAttempt {
    private SmtpAttempt() {
    }

    static String send(int port, String from, String to, String message, Duration timeout) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            String reply = reply(in);
            for (String command : new String[] {"EHLO sender.example", "MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA"}) {
                if (!reply.startsWith("2") && !reply.startsWith("3")) {
                    return reply;
                }
                send(out, command);
                reply = reply(in);
            }
            if (!reply.startsWith("354")) {
                return reply;
            }
            send(out, message.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n.");
            reply = reply(in);
            send(out, "QUIT");
            return reply;
        }
    }

    private static String reply(BufferedReader in) throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        if (line == null) {
            throw new IOException("The SMTP server closed the connection");
        }
        return line;
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
