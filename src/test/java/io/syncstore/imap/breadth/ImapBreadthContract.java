package io.syncstore.imap.breadth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.junit.jupiter.api.Test;

import io.syncstore.imap.ImapServerContract;
import io.syncstore.imap.PythonScript;
import io.syncstore.imap.RawImapClient;

/**
 * Issue 13's capabilities and fixes on the wire (LIST-EXTENDED RECURSIVEMATCH, COMPRESS=DEFLATE, ...): a real server
 * with SyncStore's IMAP package, raw connections. Each server's test class extends it.
 */
public abstract class ImapBreadthContract extends ImapServerContract {
    protected static final String DOMAIN = "breadth.test";

    public static void useServer(GuiceJamesServer jamesServer) throws Exception {
        startUsing(jamesServer, DOMAIN);
    }

    /** The LIST lines of Foo, Baz and Eps and their children, without the \\HasChildren attributes (sent unasked). */
    private static List<String> listed(List<String> lines) {
        return lines.stream()
            .filter(line -> line.matches("\\* LIST .* \"(Foo|Baz|Eps)[\".].*"))
            .map(line -> line.replaceAll("\\\\Has(No)?Children ?", "").replace(" )", ")"))
            .collect(Collectors.toList());
    }

    private static void bad(List<String> lines) {
        assertThat(RawImapClient.last(lines)).as(lines.toString()).matches("a\\d+ BAD .*");
    }

    @Test
    void recursiveMatchAloneOrWithRemoteIsBad() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            bad(client.command("LIST (RECURSIVEMATCH) \"\" \"\""));
            bad(client.command("LIST (RECURSIVEMATCH) \"\" \"*\""));
            bad(client.command("LIST (RECURSIVEMATCH REMOTE) \"\" \"\""));
            bad(client.command("LIST (REMOTE RECURSIVEMATCH) \"\" (\"a\" \"b\")"));
            ok(client.command("LIST (SUBSCRIBED RECURSIVEMATCH REMOTE) \"\" \"%\""));
            ok(client.command("NOOP"));
        }
    }

    /** The hierarchy of RFC 5258 §5 example 9, answered as §3.5 says (and as Dovecot 2.3 does). */
    @Test
    void subscribedRecursiveMatchGivesChildInfoOnlyWhereRfc5258Says() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            for (String name : List.of("Foo", "Foo.Bar", "Baz", "Baz.Sub", "Eps", "Eps.M")) {
                ok(client.command("CREATE " + name));
            }
            for (String name : List.of("Foo.Bar", "Baz", "Eps", "Eps.M")) {
                ok(client.command("SUBSCRIBE " + name));
            }
            List<String> percent = ok(client.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\""));
            assertThat(listed(percent)).containsExactlyInAnyOrder(
                "* LIST () \".\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                "* LIST (\\Subscribed) \".\" \"Baz\"",
                "* LIST (\\Subscribed) \".\" \"Eps\" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            List<String> star = ok(client.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"*\""));
            assertThat(listed(star)).as("Foo's subscribed child is listed itself: no line for Foo").containsExactlyInAnyOrder(
                "* LIST (\\Subscribed) \".\" \"Foo.Bar\"",
                "* LIST (\\Subscribed) \".\" \"Baz\"",
                "* LIST (\\Subscribed) \".\" \"Eps\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                "* LIST (\\Subscribed) \".\" \"Eps.M\"");
            List<String> remote = ok(client.command("LIST (REMOTE RECURSIVEMATCH SUBSCRIBED) \"\" \"%\""));
            assertThat(listed(remote)).as("no remote mailboxes, the local ones: " + remote).containsExactlyInAnyOrderElementsOf(listed(percent));
            List<String> plain = ok(client.command("LIST (SUBSCRIBED) \"\" \"%\""));
            assertThat(plain).noneMatch(line -> line.contains("CHILDINFO"));
        }
    }

    /**
     * LSUB as LIST: a reference or pattern that is not modified UTF-7 matches nothing (OK, as Dovecot 2.3 answers;
     * James answered NO), and a reference holding {@code &-} reaches the subscriptions under it.
     */
    @Test
    void anLsubNameThatIsNotModifiedUtf7MatchesNothing() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            for (String name : List.of("a&-b", "a&-b.c")) {
                ok(client.command("CREATE " + name));
                ok(client.command("SUBSCRIBE " + name));
            }
            for (String arguments : List.of("\"\" !#$&'+,-.0123456789:;<=>?@^_`|[}%*", "\"\" \"&\"", "\"&\" \"*\"",
                "\"\" \"&Jjo\"", "{1+}\r\n& \"*\"")) {
                List<String> answer = client.command("LSUB " + arguments);
                assertThat(answer).as(arguments).hasSize(1);
                assertThat(answer.get(0)).as(arguments).matches("a\\d+ OK .*");
            }
            List<String> underReference = ok(client.command("LSUB \"a&-b.\" \"*\""));
            assertThat(underReference).hasSize(2);
            assertThat(underReference.get(0)).startsWith("* LSUB ").endsWith(" \"a&-b.c\"");
            assertThat(ok(client.command("LSUB {5+}\r\na&-b. %"))).hasSize(2);
            ok(client.command("NOOP"));
        }
    }

    @Test
    void aListWhoseReferenceAndPatternAreLiteralsIsAnsweredAsWithQuotedStrings() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE lit"));
            ok(client.command("CREATE lit.child"));
            List<String> quoted = ok(client.command("LIST \"lit.\" \"*\""));
            assertThat(quoted).hasSize(2);
            List<String> literals = ok(client.command("LIST {4+}\r\nlit. {1+}\r\n*"));
            assertThat(literals.subList(0, literals.size() - 1)).isEqualTo(quoted.subList(0, quoted.size() - 1));
            List<String> literalPattern = ok(client.command("LIST \"\" {5+}\r\nlit.%"));
            assertThat(literalPattern.subList(0, literalPattern.size() - 1)).isEqualTo(quoted.subList(0, quoted.size() - 1));
            ok(client.command("NOOP"));
        }
    }

    /** A synchronizing literal is asked for with a continuation request, whichever framer reads the command. */
    @Test
    void listAndLsubAskForTheirSynchronizingLiterals() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE lit"));
            ok(client.command("SUBSCRIBE lit"));
            for (String command : List.of("LIST", "LSUB")) {
                String tag = client.nextTag();
                client.write(tag + " " + command + " \"\" {3}\r\n");
                assertThat(client.readUntil(line -> line.startsWith("+"), Duration.ofSeconds(10))).as(command).isNotEmpty();
                client.write("lit\r\n");
                List<String> answer = ok(client.readUntilTagged(tag));
                assertThat(answer).as(command).hasSize(2);
                assertThat(answer.get(0)).as(command).startsWith("* " + command + " ").matches(".* \"?lit\"?");
            }
        }
    }

    /**
     * Issue 13's first fault, as a new user tried it: a LIST whose pattern holds an {@code &} that is not modified
     * UTF-7, with wildcards, got no answer at all; it matches nothing (as Dovecot answers it), SELECT of the name is NO.
     */
    @Test
    void theListThatHungIsAnsweredAndTheConnectionGoesOn() throws Exception {
        String name = "!#$&'+,-.0123456789:;<=>?@^_`|[}";
        try (RawImapClient client = connect(newUser())) {
            assertThat(ok(client.command("LIST \"\" " + name + "%*"))).hasSize(1);
            assertThat(ok(client.command("LIST \"\" (" + name + "%* INBOX)"))).hasSize(2);
            assertThat(RawImapClient.last(client.command("SELECT \"" + name + "\""))).matches("a\\d+ NO .*");
            ok(client.command("NOOP"));
        }
    }

    /** The literals of a LIST of several patterns are read as names whatever they hold: a space, a parenthesis. */
    @Test
    void aMultiPatternListReadsItsLiteralsWhateverTheyHold() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("CREATE \"a (b.x\""));
            ok(client.command("CREATE \"a (b.y\""));
            ok(client.command("CREATE \"a (b.z\""));
            List<String> underReference = ok(client.command("LIST {5+}\r\na (b. (x \"y\" {1+}\r\nq)"));
            assertThat(underReference).hasSize(3);
            assertThat(underReference.get(0)).endsWith(" \"a (b.x\"");
            assertThat(underReference.get(1)).endsWith(" \"a (b.y\"");
            List<String> literalPatterns = ok(client.command("LIST \"\" ({4+}\r\na (b {6+}\r\na (b.% \"a (b.z\")"));
            assertThat(literalPatterns).hasSize(5);
            assertThat(literalPatterns.get(0)).endsWith(" \"a (b\"");
            assertThat(RawImapClient.last(client.command("LIST \"\" ({4+}\r\na (b"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("LIST \"\" ()"))).matches("a\\d+ BAD .*");
            assertThat(RawImapClient.last(client.command("LIST \"\" (a(b x)"))).matches("a\\d+ BAD .*");
            ok(client.command("NOOP"));
        }
    }

    @Test
    void aListLiteralIsReadAsANameWhateverItHolds() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(ok(client.command("LIST \"\" {3+}\r\n{5}"))).hasSize(1);
            assertThat(ok(client.command("LIST \"\" ({3+}\r\n{5} \"x\")"))).hasSize(1);
            String tooLong = "a".repeat(70_000);
            List<String> refused = client.command("LIST \"\" {" + tooLong.length() + "+}\r\n" + tooLong);
            assertThat(RawImapClient.last(refused)).matches("a\\d+ BAD .*");
            ok(client.command("NOOP"));
        }
    }

    @Test
    void createSpecialUseIsListedAndKeptAcrossRename() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" CREATE-SPECIAL-USE").contains(" SPECIAL-USE");
            ok(client.command("CREATE \"Sent Items\" (USE (\\Sent))"));
            ok(client.command("CREATE Everything (use (\\all))"));
            ok(client.command("CREATE Plain"));
            assertThat(client.command("LIST \"\" \"Sent Items\" RETURN (SPECIAL-USE)").get(0))
                .isEqualTo("* LIST (\\HasNoChildren \\Sent) \".\" \"Sent Items\"");
            List<String> specialOnly = ok(client.command("LIST (SPECIAL-USE) \"\" \"*\""));
            assertThat(specialOnly).anyMatch(line -> line.contains("\\All") && line.endsWith("\"Everything\""))
                .noneMatch(line -> line.endsWith("\"Plain\""));
            ok(client.command("RENAME \"Sent Items\" Outgoing"));
            assertThat(client.command("LIST \"\" Outgoing RETURN (SPECIAL-USE)").get(0)).contains("\\Sent");

            assertThat(RawImapClient.last(client.command("CREATE Odd (USE (\\Important))"))).matches("a\\d+ NO \\[USEATTR] .*");
            assertThat(RawImapClient.last(client.command("CREATE Two (USE (\\Sent \\Trash))"))).matches("a\\d+ NO \\[USEATTR] .*");
            bad(client.command("CREATE Other (COLOR (red))"));
            bad(client.command("CREATE Open (USE (\\Sent)"));
            bad(client.command("CREATE Word (USE (Sent))"));
            assertThat(client.command("LIST \"\" \"*\"")).noneMatch(line -> line.matches(".*\"(Odd|Two|Other|Open|Word)\"$"));
            ok(client.command("NOOP"));
        }
    }

    @Test
    void deeplyNestedListsAreRefusedAndTheConnectionGoesOn() throws Exception {
        try (RawImapClient client = connect(newUser())) {
            ok(client.command("SELECT INBOX"));
            int depth = 20_000;
            String nested = "(".repeat(depth) + "ALL" + ")".repeat(depth);
            assertThat(RawImapClient.last(client.command("SEARCH " + nested))).matches("a\\d+ (BAD|NO) .*");
            assertThat(RawImapClient.last(client.command("FETCH 1 " + "(".repeat(depth) + "FLAGS" + ")".repeat(depth))))
                .matches("a\\d+ (BAD|NO) .*");
            assertThat(RawImapClient.last(client.command("LIST " + "(".repeat(depth) + "SUBSCRIBED" + ")".repeat(depth) + " \"\" *")))
                .matches("a\\d+ (BAD|NO) .*");
            ok(client.command("SEARCH ((ALL))"));
            ok(client.command("NOOP"));
        }
    }

    @Test
    void compressDeflateCarriesTheSessionAndIsRefusedTwice() throws Exception {
        try (RawImapClient anonymous = new RawImapClient(port)) {
            assertThat(anonymous.command("CAPABILITY").get(0)).doesNotContain("COMPRESS=DEFLATE");
            assertThat(RawImapClient.last(anonymous.command("COMPRESS DEFLATE"))).matches("a\\d+ (NO|BAD) .*");
            ok(anonymous.command("NOOP"));
        }
        try (RawImapClient client = connect(newUser())) {
            assertThat(client.command("CAPABILITY").get(0)).contains(" COMPRESS=DEFLATE");
            bad(client.command("COMPRESS GZIP"));
            ok(client.compress());
            assertThat(client.command("CAPABILITY").get(0)).as("not offered once active").doesNotContain("COMPRESS");
            assertThat(RawImapClient.last(client.command("COMPRESS DEFLATE"))).matches("a\\d+ NO \\[COMPRESSIONACTIVE] .*");
            bad(client.command("LIST (RECURSIVEMATCH) \"\" \"*\""));

            String body = "All work and no play makes Jack a dull boy.\r\n".repeat(4000);
            String message = "From: a@b.c\r\nSubject: big\r\n\r\n" + body;
            ok(client.command("APPEND INBOX {" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message));
            ok(client.command("SELECT INBOX"));
            long before = client.wireOctetsRead();
            List<String> fetch = ok(client.command("FETCH 1 BODY[TEXT]"));
            long onTheWire = client.wireOctetsRead() - before;
            assertThat(fetch.get(0)).contains("{" + body.length() + "}\r\n" + body + ")");
            assertThat(onTheWire).as("deflated on the wire").isLessThan(body.length() / 20);
            ok(client.command("LOGOUT"));
        }
    }

    /** Another client's deflate: Python's zlib over a plain socket (python3 is a test dependency, see README). */
    @Test
    void pythonZlibClientTalksCompressed() throws Exception {
        String output = PythonScript.run(PYTHON_COMPRESS, port, newUser(), PASSWORD);
        assertThat(output).contains("c OK").contains("* LIST").contains("py-compressed").contains("e OK");
    }

    private static final String PYTHON_COMPRESS = String.join("\n",
        "import socket, sys, zlib",
        "port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]",
        "s = socket.create_connection(('127.0.0.1', port), timeout=20)",
        "f = s.makefile('rb')",
        "f.readline()",
        "def command(line, tag):",
        "    s.sendall(line.encode() + b'\\r\\n')",
        "    while True:",
        "        response = f.readline()",
        "        if not response or response.startswith(tag.encode() + b' '):",
        "            return response",
        "assert b' OK' in command('a LOGIN %s %s' % (user, password), 'a')",
        "assert command('b COMPRESS DEFLATE', 'b').startswith(b'b OK')",
        "deflate, inflate = zlib.compressobj(wbits=-15), zlib.decompressobj(wbits=-15)",
        "s.sendall(deflate.compress(b'c CREATE py-compressed\\r\\nd LIST \"\" py-*\\r\\ne LOGOUT\\r\\n') + deflate.flush(zlib.Z_SYNC_FLUSH))",
        "received = b''",
        "while b'e OK' not in received:",
        "    chunk = s.recv(65536)",
        "    if not chunk:",
        "        break",
        "    received += inflate.decompress(chunk)",
        "sys.stdout.write(received.decode())",
        "");

    @Test
    void compressAfterStartTlsSitsBelowTls() throws Exception {
        try (RawImapClient client = new RawImapClient(server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort())) {
            client.startTls();
            client.login(newUser(), PASSWORD);
            ok(client.compress());
            ok(client.command("CREATE tls-compressed"));
            assertThat(client.command("LIST \"\" tls-compressed").get(0)).contains("tls-compressed");
        }
    }

    @Test
    void aCommandPipelinedAfterStartTlsIsNeverTaken() throws Exception {
        try (RawImapClient client = new RawImapClient(server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort())) {
            client.setTimeout(Duration.ofSeconds(10));
            client.write("s1 STARTTLS\r\ns2 NOOP\r\n");
            List<String> lines = new java.util.ArrayList<>();
            assertThatThrownBy(() -> {
                while (true) {
                    lines.add(client.readResponse());
                }
            }).hasMessageStartingWith("Connection closed");
            assertThat(lines).noneMatch(line -> line.startsWith("s2 "));
        }
    }

    @Test
    void manyCompressedConnectionsAtOnce() throws Exception {
        String user = newUser();
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 12; i++) {
            int n = i;
            Thread thread = new Thread(() -> {
                try (RawImapClient client = connect(user)) {
                    ok(client.compress());
                    ok(client.command("CREATE c" + n));
                    for (int j = 0; j < 20; j++) {
                        String message = "From: a@b.c\r\nSubject: " + n + "/" + j + "\r\n\r\n" + "text ".repeat(200) + "\r\n";
                        ok(client.command("APPEND c" + n + " {" + message.length() + "+}\r\n" + message));
                    }
                    assertThat(client.command("STATUS c" + n + " (MESSAGES)").get(0)).contains("MESSAGES 20");
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(failures).isEmpty();
    }
}
