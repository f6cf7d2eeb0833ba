package io.syncstore.it.server;

import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scripted IMAP sessions against SyncStore's server (in-process, the distribution's configuration) and
 * against Dovecot (Debian's dovecot-imapd, private configuration), compared after {@link ResponseNormaliser}.
 * Scripts: src/test/resources/differential/scripts.txt; messages: differential/messages/; differences that remain
 * and are allowed by an RFC: differential/allow-list.txt. A report goes to target/differential-report.txt.
 */
class DifferentialImapTest {
    private static final Pattern MESSAGE = Pattern.compile("\\{\\{([A-Za-z0-9_.-]+)}}");
    private static final Pattern COMPRESS_DEFLATE = Pattern.compile("(?i)COMPRESS DEFLATE");

    @TempDir
    Path folder;

    @Test
    void syncStoreAnswersAsDovecotDoes() throws Exception {
        DovecotServer.binary();
        List<Script> scripts = Script.load();
        Map<String, String> allowList = allowList();

        ServerHome home = ServerHome.unpack(Files.createDirectories(folder.resolve("syncstore")));
        home.edit("imapserver.xml", "<plainAuthDisallowed>true</plainAuthDisallowed>", "<plainAuthDisallowed>false</plainAuthDisallowed>");
        // Dovecot creates no folders at login
        home.edit("imapserver.xml", "<enableIdle>true</enableIdle>",
            "<enableIdle>true</enableIdle>\n        <provisionDefaultMailboxes>false</provisionDefaultMailboxes>");
        // LITERAL- (RFC 7888 §4) on both sides for the literal-minus script; the other scripts' literals are at most
        // 1037 octets, where LITERAL- and LITERAL+ are alike (a larger one would fail as a difference: Dovecot closes
        // the connection), and CAPABILITY is not compared
        home.edit("imapserver.xml", "<enableIdle>true</enableIdle>",
            "<enableIdle>true</enableIdle>\n        <literalMinus>true</literalMinus>");

        List<String> report = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (InProcessServer server = InProcessServer.start(home);
             DovecotServer dovecot = DovecotServer.start(folder.resolve("dovecot"), ALICE, PASSWORD,
                 "imap_literal_minus = yes",
                 // COMPRESS=DEFLATE (RFC 4978) for the compress script: imap_zlib needs the zlib plugin loaded
                 "mail_plugins = $mail_plugins zlib",
                 "protocol imap {\n  mail_plugins = $mail_plugins imap_zlib\n}")) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);

            for (Script script : scripts) {
                List<List<String>> ours = script.run(home.imapPort);
                List<List<String>> theirs = script.run(dovecot.port);
                for (int i = 0; i < script.commands.size(); i++) {
                    String key = script.name + " " + script.tag(i);
                    String command = script.tag(i) + " " + script.commands.get(i);
                    List<String> a = ResponseNormaliser.normalise(command, ours.get(i));
                    List<String> b = ResponseNormaliser.normalise(command, theirs.get(i));
                    if (a.contains(ImapScriptClient.CLOSED) && b.contains(ImapScriptClient.CLOSED)) {
                        // a harness fault (e.g. a compressed command sent plain) would otherwise compare equal
                        String closed = key + ": " + command + "\n  both servers closed the connection";
                        failures.add(closed);
                        report.add("DIFFERENT " + closed);
                        continue;
                    }
                    if (a.equals(b)) {
                        continue;
                    }
                    String difference = key + ": " + command + "\n  syncstore: " + String.join("\n             ", a)
                        + "\n  dovecot:   " + String.join("\n             ", b);
                    if (allowList.containsKey(key)) {
                        report.add("ALLOWED (" + allowList.get(key) + ") " + difference);
                    } else {
                        failures.add(difference);
                        report.add("DIFFERENT " + difference);
                    }
                }
            }
        }
        int commands = scripts.stream().mapToInt(script -> script.commands.size()).sum();
        report.add(0, commands + " commands in " + scripts.size() + " sessions compared; " + failures.size()
            + " different, " + (report.size() - failures.size()) + " allowed by allow-list.txt");
        Path target = Paths.get("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("differential-report.txt"), String.join("\n\n", report) + "\n");
        }
        assertThat(failures).as("IMAP responses that differ from Dovecot's and are not in differential/allow-list.txt:\n"
            + String.join("\n\n", failures)).isEmpty();
    }

    private static Map<String, String> allowList() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : resource("differential/allow-list.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", 3);
            entries.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : "");
        }
        return entries;
    }

    static String resource(String name) throws IOException {
        return new String(resourceBytes(name), StandardCharsets.UTF_8);
    }

    static byte[] resourceBytes(String name) throws IOException {
        try (InputStream in = DifferentialImapTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** One session: LOGIN, the commands (tags t1, t2, ...), LOGOUT. */
    static final class Script {
        final String name;
        final List<String> commands = new ArrayList<>();

        Script(String name) {
            this.name = name;
        }

        String tag(int index) {
            return "t" + (index + 1);
        }

        static List<Script> load() throws IOException {
            List<Script> scripts = new ArrayList<>();
            Script current = null;
            for (String line : resource("differential/scripts.txt").split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("== ")) {
                    current = new Script(line.substring(3).trim());
                    scripts.add(current);
                } else {
                    current.commands.add(line);
                }
            }
            return scripts;
        }

        List<List<String>> run(int port) throws IOException {
            List<List<String>> answers = new ArrayList<>();
            try (ImapScriptClient client = new ImapScriptClient(port)) {
                client.command("l", ("l LOGIN " + ALICE + " " + PASSWORD + "\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < commands.size(); i++) {
                    List<String> answer = client.command(tag(i), bytes(tag(i) + " " + commands.get(i)));
                    answers.add(answer);
                    if (COMPRESS_DEFLATE.matcher(commands.get(i)).matches()
                        && answer.get(answer.size() - 1).startsWith(tag(i) + " OK")) {
                        client.compress();
                    }
                }
                client.command("z", "z LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            return answers;
        }

        /** The command's bytes: {{file}} becomes a LITERAL+ with the message of differential/messages/file. */
        private static byte[] bytes(String command) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Matcher matcher = MESSAGE.matcher(command);
            int last = 0;
            while (matcher.find()) {
                out.write(command.substring(last, matcher.start()).getBytes(StandardCharsets.UTF_8));
                byte[] message = crlf(resourceBytes("differential/messages/" + matcher.group(1)));
                out.write(("{" + message.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(message);
                last = matcher.end();
            }
            out.write(command.substring(last).getBytes(StandardCharsets.UTF_8));
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }

        private static byte[] crlf(byte[] text) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < text.length; i++) {
                if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) {
                    out.write('\r');
                }
                out.write(text[i]);
            }
            return out.toByteArray();
        }
    }
}
