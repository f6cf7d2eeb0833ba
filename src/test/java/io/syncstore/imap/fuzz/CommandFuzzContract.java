package io.syncstore.imap.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

import io.netty.util.internal.PlatformDependent;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.RawImapClient;

/**
 * Commands built from the IMAP grammar and then mutated (cut short, bytes inserted, invalid UTF-8 and modified
 * UTF-7, deep nesting, huge numbers, stray literals) sent to the server: after each one a NOOP must be answered
 * OK on the same connection, so no input hangs or drops it, and the server answers every command with its tag.
 *
 * <p>Runs for {@code fuzz.seconds} (default 20) from seed {@code fuzz.seed} (default: the clock), printed on failure;
 * a release check runs it longer: {@code mvn test -Dtest='*CommandFuzzTest' -Dfuzz.seconds=1800}.</p>
 */
public abstract class CommandFuzzContract extends ImapServerContract {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");
    private static final int ENDLESS_CONNECTIONS = 8;
    private static final int ENDLESS_OCTETS = 32 << 20;
    private static final long MEMORY_PER_CONNECTION = 2 << 20;
    private static final String[] MAILBOXES = {"INBOX", "\"a b\"", "&AOk-t&AOk-", "&Jjo-", "\"\"", "&", "&-", "a&bc",
        "\"x\\\"y\"", "*", "%", "INBOX.sub", "{3+}\r\nfoo", "~peter/mail/&U,BTFw-/&ZeVnLIqe-",
        // UTF-8 names (UTF8=ACCEPT, IMAP4rev2): valid ones, one with a C1 control, one in a literal
        "\"R\u00e9sum\u00e9\"", "\"\u65e5\u672c\u8a9e.x\"", "\"a\u0085b\"", "{3+}\r\n\u00d6l"};
    private static final String[] SETS = {"1", "1:*", "*", "2,4:5", "1:4294967295", "0", "4294967296", "*:1",
        "1,,2", "$", "1:2:3", "99999999999999999999"};
    private static final String[] FETCH_ITEMS = {"FLAGS", "UID", "ENVELOPE", "BODYSTRUCTURE", "BODY", "RFC822.SIZE",
        "INTERNALDATE", "BODY.PEEK[]", "BODY[HEADER.FIELDS (From Subject)]", "BODY.PEEK[1.MIME]", "BODY[TEXT]<0.10>",
        "BINARY.PEEK[1]", "BINARY.SIZE[1]", "MODSEQ", "ALL", "FAST", "FULL", "BODY[1.2.3.4.5.6.7.8.9]", "BODY[]<5.>",
        "PREVIEW", "BODY.PEEK[HEADER.FIELDS.NOT ()]"};
    private static final String[] SEARCH_KEYS = {"ALL", "SEEN", "UNSEEN", "FROM \"x\"", "SUBJECT hello",
        "TEXT {5+}\r\nhello", "BODY x", "SINCE 1-Jan-2020", "BEFORE 32-Foo-99999", "LARGER 100", "SMALLER -1",
        "HEADER Subject \"\"", "KEYWORD $Junk", "NOT SEEN", "OR SEEN UNSEEN", "UID 1:*", "MODSEQ 1", "1:*",
        "CHARSET UTF-8 SUBJECT \"\u00e9\"", "CHARSET NOPE ALL", "OR", "NOT", "(", ")"};
    private static final List<Function<Random, String>> COMMANDS = List.of(
        random -> "SELECT " + pick(random, MAILBOXES),
        random -> "EXAMINE " + pick(random, MAILBOXES) + " (CONDSTORE)",
        random -> "SELECT INBOX (QRESYNC (1 " + pick(random, SETS) + " " + pick(random, SETS) + "))",
        random -> "FETCH " + pick(random, SETS) + " (" + pick(random, FETCH_ITEMS) + " " + pick(random, FETCH_ITEMS) + ")",
        random -> "UID FETCH " + pick(random, SETS) + " (" + pick(random, FETCH_ITEMS) + ") (CHANGEDSINCE " + pick(random, SETS) + " VANISHED)",
        random -> "STORE " + pick(random, SETS) + " +FLAGS (\\Seen $Fuzz" + random.nextInt(5) + ")",
        random -> "UID STORE " + pick(random, SETS) + " (UNCHANGEDSINCE " + pick(random, SETS) + ") -FLAGS.SILENT (\\Flagged)",
        random -> "SEARCH " + pick(random, SEARCH_KEYS) + " " + pick(random, SEARCH_KEYS),
        random -> "UID SEARCH RETURN (MIN MAX COUNT) " + pick(random, SEARCH_KEYS),
        random -> "LIST \"\" " + pick(random, MAILBOXES),
        random -> "LSUB " + pick(random, MAILBOXES) + " " + pick(random, MAILBOXES),
        random -> "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (" + pick(random, MAILBOXES) + " " + pick(random, MAILBOXES) + ") RETURN (CHILDREN STATUS (MESSAGES))",
        random -> "STATUS " + pick(random, MAILBOXES) + " (MESSAGES UIDNEXT UNSEEN HIGHESTMODSEQ)",
        random -> "CREATE fuzz/" + random.nextInt(20),
        random -> "CREATE fuzz/" + random.nextInt(20) + " (USE (" + pick(random, new String[] {"\\Sent", "\\All", "\\Junk \\Trash", "\\Bogus", ""}) + "))",
        random -> "LIST (" + pick(random, new String[] {"RECURSIVEMATCH", "RECURSIVEMATCH REMOTE", "SPECIAL-USE RECURSIVEMATCH"}) + ") \"\" " + pick(random, MAILBOXES),
        random -> "NOTIFY SET STATUS (mailboxes " + pick(random, MAILBOXES) + " (" + pick(random, new String[] {"MessageNew", "MessageExpunge", "FlagChange"}) + "))",
        random -> "RENAME fuzz/" + random.nextInt(20) + " " + pick(random, MAILBOXES),
        random -> "DELETE fuzz/" + random.nextInt(20),
        random -> "COPY " + pick(random, SETS) + " " + pick(random, MAILBOXES),
        random -> "UID MOVE " + pick(random, SETS) + " fuzz/" + random.nextInt(20),
        random -> "APPEND fuzz/" + random.nextInt(20) + " (\\Seen) {12+}\r\nSubject: z\r\n\r\n",
        random -> "NOTIFY SET (selected (MessageNew (UID FLAGS) MessageExpunge FlagChange)) (" + pick(random, MAILBOXES) + " (MessageNew))",
        random -> "NOTIFY SET STATUS (subtree (" + pick(random, MAILBOXES) + ") (MailboxName SubscriptionChange))",
        random -> "ENABLE QRESYNC CONDSTORE UTF8=ACCEPT IMAP4rev2",
        random -> "APPEND " + pick(random, MAILBOXES) + " UTF8 (~{24+}\r\nSubject: Gr\u00fc\u00dfe\r\n\r\nhi\r\n)",
        random -> "APPEND INBOX (\\Seen) ~{14+}\r\nSubject: \u0000\r\n\r\n",
        random -> "SEARCH RETURN () " + pick(random, SEARCH_KEYS),
        random -> "ID (\"name\" \"fuzz\" \"version\" " + pick(random, SETS) + ")",
        random -> "GETQUOTAROOT " + pick(random, MAILBOXES),
        random -> "SETMETADATA INBOX (/private/comment {3+}\r\nabc)",
        random -> "EXPUNGE",
        random -> "UID EXPUNGE " + pick(random, SETS),
        random -> "CHECK",
        random -> "NAMESPACE",
        random -> "UNSELECT");

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, "fuzz.test");
    }

    @Test
    void noCommandHangsOrDropsTheConnection() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
        Duration budget = Duration.ofSeconds(Long.getLong("fuzz.seconds", 20));
        Random random = new Random(seed);
        String user = newUser();
        try (RawImapClient setup = connect(user)) {
            for (int i = 0; i < 5; i++) {
                String message = "From: a@fuzz.test\r\nSubject: " + i + "\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                    + "--b\r\nContent-Type: text/plain\r\n\r\nhello " + i + "\r\n--b--\r\n";
                ok(setup.command("APPEND INBOX {" + message.length() + "+}\r\n" + message));
            }
        }
        long deadline = System.nanoTime() + budget.toNanos();
        int commands = 0;
        Connection connection = Connection.open(port, user);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try {
            while (System.nanoTime() < deadline) {
                byte[] command = mutate(random, "f" + commands + " " + COMMANDS.get(random.nextInt(COMMANDS.size())).apply(random));
                List<String> answer = connection.send(command, "z" + commands);
                assertThat(answer.get(answer.size() - 1)).as("seed %d, after %s: %s", seed, printable(command), answer)
                    .startsWith("z" + commands + " OK");
                commands++;
                if (random.nextInt(50) == 0) {
                    connection.close();
                    connection = Connection.open(port, user);
                }
            }
        } finally {
            root.detachAppender(log);
            connection.close();
        }
        assertThat(commands).as("seed %d", seed).isGreaterThan(20);
        // names that are not modified UTF-7 are answered, never failed on (James logs its NO answers as errors)
        assertThat(log.list.stream().filter(event -> decodingFailure(event.getThrowableProxy()))
            .map(event -> event.getFormattedMessage() + ": " + event.getThrowableProxy().getMessage()))
            .as("seed %d", seed).isEmpty();
    }

    /**
     * Memory per connection: connections that send an endless line (refused at {@code maxLineLength}, the rest of the
     * line discarded) or an endless synchronizing literal (spooled to a file beyond {@code inMemorySizeLimit}) do not
     * make the server hold memory that grows with their input. The server runs in this JVM; what it holds is the heap
     * in use after a full collection plus the direct memory of Netty's buffers (where the framer accumulates a line),
     * taken once with the connections idle and once with each {@value #ENDLESS_OCTETS} octets into its endless input
     * (all of it read by the server but what the kernel's socket buffers hold, since the writes block otherwise). A
     * first round warms Netty's buffer pools so that chunks they keep are in both measures. The bound,
     * {@value #MEMORY_PER_CONNECTION} octets a connection, is above this configuration's {@code maxLineLength} (64K)
     * plus {@code inMemorySizeLimit} (16K) and far below the input: a framer holding the line fails it by tens of
     * megabytes (checked with {@code maxLineLength} 200000000). Memory, not time: nothing here depends on the load.
     */
    @Test
    void endlessLinesAndLiteralsDoNotGrowTheServersMemory() throws Exception {
        String user = newUser();
        endlessInputs(user);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < ENDLESS_CONNECTIONS; i++) {
                connections.add(Connection.open(port, user));
            }
            long idle = serverMemory();
            startEndlessInputs(connections);
            long held = serverMemory() - idle;
            assertThat(held / connections.size()).as("memory held per connection (%d octets in all)", held)
                .isLessThan(MEMORY_PER_CONNECTION);
            for (int i = 0; i < connections.size(); i += 2) {
                List<String> answer = connections.get(i).send("\r\n".getBytes(StandardCharsets.US_ASCII), "e2");
                assertThat(answer.get(0)).startsWith("* BAD");
                assertThat(answer.get(answer.size() - 1)).startsWith("e2 OK");
            }
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private void endlessInputs(String user) throws IOException {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < ENDLESS_CONNECTIONS; i++) {
                connections.add(Connection.open(port, user));
            }
            startEndlessInputs(connections);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** Even connections: an endless APPEND line; odd ones: an APPEND of an endless synchronizing literal. */
    private static void startEndlessInputs(List<Connection> connections) throws IOException {
        for (int i = 0; i < connections.size(); i++) {
            if (i % 2 == 0) {
                connections.get(i).write("e1 APPEND INBOX (\\Seen) x");
            } else {
                connections.get(i).write("e1 APPEND INBOX {" + Integer.MAX_VALUE + "}\r\n");
                assertThat(connections.get(i).readResponse()).startsWith("+");
            }
            connections.get(i).writeEndless(ENDLESS_OCTETS);
        }
    }

    private static long serverMemory() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        // Netty's own count of the direct memory it allocates without the JDK's (and its pool MXBean's) knowledge
        long nettyDirect = Math.max(0, PlatformDependent.usedDirectMemory());
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + direct + nettyDirect;
    }

    /** A reference or pattern that is not modified UTF-7 matches no mailbox: OK with nothing listed, as Dovecot. */
    @Test
    void aListPatternThatIsNotModifiedUtf7MatchesNothing() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE a&-b"));
            ok(client.command("CREATE a&-b.c"));
            for (String arguments : List.of("\"\" !#$&'+,-.0123456789:;<=>?@^_`|[}%*", "\"\" \"&\"", "\"&\" \"*\"",
                "\"\" \"&Jjo\"", "(SUBSCRIBED RECURSIVEMATCH) \"\" \"&x\"", "\"\" (\"&\" \"&x*\")")) {
                assertThat(ok(client.command("LIST " + arguments))).as(arguments).hasSize(1);
            }
            List<String> mixed = ok(client.command("LIST \"\" (\"&\" \"a&-b\")"));
            assertThat(mixed).hasSize(2);
            assertThat(mixed.get(0)).startsWith("* LIST ").endsWith(" \"a&-b\"");
            List<String> underReference = ok(client.command("LIST \"a&-b.\" \"*\""));
            assertThat(underReference).hasSize(2);
            assertThat(underReference.get(0)).startsWith("* LIST ").endsWith(" \"a&-b.c\"");
        }
    }

    /**
     * On a modified UTF-7 connection a pattern or reference of 8-bit octets is taken alike whether it comes as a
     * literal (CHAR8, RFC 3501 §4.3) or as a quoted string, as Dovecot 2.3.19 takes both: octets that are UTF-8 as the
     * name they spell, others matching nothing; OK either way, and the other patterns of a pattern list still match.
     */
    @Test
    void anEightBitPatternIsTakenAlikeWhetherLiteralOrQuoted() throws Exception {
        byte[] cafe = "Caf\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe};
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE x"));
            ok(client.command("CREATE Caf&AOk-"));
            ok(client.command("CREATE Caf&AOk-.sub"));
            ok(client.command("SUBSCRIBE Caf&AOk-"));
            for (byte[] octets : List.of(cafe, notUtf8)) {
                boolean matches = octets == cafe;
                String literal = "{" + octets.length + "+}\r\n";
                for (List<byte[]> command : List.of(
                    List.of(bytes("LIST \"\" \""), octets, bytes("\"")),
                    List.of(bytes("LIST \"\" " + literal), octets),
                    List.of(bytes("LSUB \"\" \""), octets, bytes("\"")),
                    List.of(bytes("LSUB \"\" " + literal), octets),
                    List.of(bytes("LIST \""), octets, bytes(".\" \"*\"")),
                    List.of(bytes("LIST {" + (octets.length + 1) + "+}\r\n"), octets, bytes(". \"*\"")),
                    List.of(bytes("LIST \"\" ("), bytes(literal), octets, bytes(" x)")))) {
                    String tag = client.nextTag();
                    client.write(concat(bytes(tag + " "), command, bytes("\r\n")));
                    List<String> answer = client.readUntilTagged(tag);
                    String described = new String(concat(command), StandardCharsets.ISO_8859_1);
                    assertThat(answer.get(answer.size() - 1)).as(described).startsWith(tag + " OK");
                    List<String> listed = answer.subList(0, answer.size() - 1);
                    boolean patternList = described.endsWith(" x)");
                    boolean reference = described.endsWith("\"*\"");
                    String name = reference ? "\"Caf&AOk-.sub\"" : "\"Caf&AOk-\"";
                    assertThat(listed).as(described).filteredOn(line -> line.endsWith(name)).hasSize(matches ? 1 : 0);
                    assertThat(listed).as(described).hasSize((matches ? 1 : 0) + (patternList ? 1 : 0));
                }
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(part -> out.write(part, 0, part.length));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, List<byte[]> middle, byte[] last) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(first);
        parts.addAll(middle);
        parts.add(last);
        return concat(parts);
    }

    private static boolean decodingFailure(IThrowableProxy exception) {
        for (IThrowableProxy cause = exception; cause != null; cause = cause.getCause()) {
            if (cause.getClassName().startsWith("java.nio.charset.")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mutate(Random random, String command) {
        byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(8)) {
            case 0:
                out.write(bytes, 0, withoutOpenLiteral(bytes, random.nextInt(bytes.length + 1)));
                break;
            case 1:
                int at = withoutOpenLiteral(bytes, random.nextInt(bytes.length + 1));
                out.write(bytes, 0, at);
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                for (byte b : noise) {
                    out.write(b == '\r' || b == '\n' || b == '{' ? 'x' : b);
                }
                out.write(bytes, at, bytes.length - at);
                break;
            case 2:
                out.writeBytes(bytes);
                // below and beyond the framer's default maxNestingDepth (100)
                out.writeBytes((" " + "(".repeat(random.nextBoolean() ? 50 : 150)).getBytes(StandardCharsets.US_ASCII));
                break;
            case 3:
                out.writeBytes(command.replaceAll("\\d+", "99999999999999999999999").getBytes(StandardCharsets.UTF_8));
                break;
            case 4:
                out.writeBytes(command.replace("INBOX", "IN\u00ff\u00feBOX").getBytes(StandardCharsets.ISO_8859_1));
                break;
            case 5:
                out.writeBytes(bytes);
                // an empty literal, then the end of the command
                out.writeBytes(" {0}\r\n".getBytes(StandardCharsets.US_ASCII));
                break;
            default:
                out.writeBytes(bytes);
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** {@code at}, or less so that the cut falls before any literal (its missing octets would swallow the NOOP). */
    private static int withoutOpenLiteral(byte[] bytes, int at) {
        int brace = new String(bytes, 0, at, StandardCharsets.ISO_8859_1).indexOf('{');
        return brace >= 0 ? brace : at;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String printable(byte[] command) {
        return new String(command, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n");
    }

    /** A connection that sends raw bytes and answers synchronizing literals' continuation requests. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Connection open(int port, String user) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(10_000);
            Connection connection = new Connection(socket);
            connection.readResponse();
            connection.send(("l LOGIN " + user + " " + PASSWORD + "\r\n").getBytes(StandardCharsets.US_ASCII), "s");
            connection.send("s2 SELECT INBOX\r\n".getBytes(StandardCharsets.US_ASCII), "s3");
            return connection;
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }

        /** Writes {@code octets} octets without a line end; returns once the server has read all but a socket buffer. */
        void writeEndless(int octets) throws IOException {
            byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (int written = 0; written < octets; written += chunk.length) {
                out.write(chunk);
            }
            out.flush();
        }

        /** Sends {@code command}, then a NOOP tagged {@code probe}; the responses up to the NOOP's. */
        List<String> send(byte[] command, String probe) throws IOException {
            out.write(command);
            out.write((probe + " NOOP\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> responses = new ArrayList<>();
            while (true) {
                String response;
                try {
                    response = readResponse();
                } catch (IOException e) {
                    responses.add("(" + e.getMessage() + ")");
                    return responses;
                }
                responses.add(response);
                if (response.startsWith(probe + " ")) {
                    return responses;
                }
            }
        }

        private String readResponse() throws IOException {
            StringBuilder response = new StringBuilder();
            while (true) {
                String line = readLine();
                response.append(line);
                Matcher literal = LITERAL.matcher(line);
                if (!literal.find()) {
                    return response.toString();
                }
                response.append(new String(in.readNBytes(Integer.parseInt(literal.group(1))), StandardCharsets.ISO_8859_1));
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new IOException("connection closed after " + line.toString(StandardCharsets.ISO_8859_1));
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        }

        void close() throws IOException {
            socket.close();
        }
    }
}
