package io.syncstore.it.server;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Dovecot (Debian's dovecot-imapd) run in the foreground from a private configuration: passwd-file users, maildir,
 * 127.0.0.1 on a free port, its own base_dir and log. Fails (does not skip) when Dovecot is not installed.
 */
final class DovecotServer implements AutoCloseable {
    final int port;
    private final Process process;
    private final Path log;

    private DovecotServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static Path binary() {
        for (String candidate : List.of("/usr/sbin/dovecot", "/usr/local/sbin/dovecot")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Paths.get(candidate);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Paths.get(dir, "dovecot");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("Dovecot is not installed: the differential IMAP tests compare SyncStore with it. "
            + "Install Debian's dovecot-imapd (apt-get install -y dovecot-imapd; .ci/run does it on CI).");
    }

    /** {@code settings}: lines added to the configuration, e.g. {@code imap_literal_minus = yes}. */
    static DovecotServer start(Path dir, String user, String password, String... settings) throws Exception {
        Path dovecot = binary();
        boolean root = "root".equals(System.getProperty("user.name"));
        // as root, Dovecot refuses to log users in as root: mail belongs to its own 'dovecot' user then
        String mailUser = root ? "dovecot" : System.getProperty("user.name");
        String loginUser = root ? "dovenull" : mailUser;
        String uid = id("-u", mailUser);
        String gid = id("-g", mailUser);
        String group = id("-gn", mailUser);
        int port = FreePorts.next();

        Files.createDirectories(dir);
        Path base = Files.createDirectories(dir.resolve("base"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path home = Files.createDirectories(dir.resolve("mail").resolve("user"));
        Path log = dir.resolve("dovecot.log");
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, user + ":{PLAIN}" + password + ":" + uid + ":" + gid + "::" + home + "\n");
        Path conf = dir.resolve("dovecot.conf");
        Files.writeString(conf, String.join("\n",
            "protocols = imap",
            "listen = 127.0.0.1",
            "base_dir = " + base,
            "state_dir = " + state,
            "log_path = " + log,
            "ssl = no",
            "disable_plaintext_auth = no",
            "auth_mechanisms = plain login",
            "mail_location = maildir:~/Maildir",
            "mail_max_userip_connections = 100",
            "default_internal_user = " + mailUser,
            "default_internal_group = " + group,
            "default_login_user = " + loginUser,
            "first_valid_uid = 0",
            "namespace inbox {",
            "  inbox = yes",
            "  separator = .",
            "}",
            "passdb {",
            "  driver = passwd-file",
            "  args = scheme=PLAIN username_format=%u " + passwd,
            "}",
            "userdb {",
            "  driver = passwd-file",
            "  args = username_format=%u " + passwd,
            "}",
            "service imap-login {",
            "  chroot =",
            "  inet_listener imap {",
            "    address = 127.0.0.1",
            "    port = " + port,
            "  }",
            "  inet_listener imaps {",
            "    port = 0",
            "  }",
            "}",
            "service anvil {",
            "  chroot =",
            "}",
            String.join("\n", settings),
            ""));
        if (root) {
            run("chown", "-R", mailUser + ":" + group, dir.resolve("mail").toString());
            // the login and mail processes must reach the base and mail folders: let others traverse the folders
            // this test created below the temporary directory (never the temporary directory itself)
            Path tmp = Paths.get(System.getProperty("java.io.tmpdir")).toRealPath();
            for (Path p = dir.toRealPath(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
                Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(p));
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                permissions.add(PosixFilePermission.OTHERS_READ);
                Files.setPosixFilePermissions(p, permissions);
            }
        }
        Process process = new ProcessBuilder(dovecot.toString(), "-F", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dovecot.out").toFile())
            .start();
        DovecotServer server = new DovecotServer(port, process, log);
        server.awaitListening(Duration.ofSeconds(20), dir);
        return server;
    }

    private void awaitListening(Duration timeout, Path dir) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Dovecot stopped at start-up: " + Files.readString(dir.resolve("dovecot.out"))
                    + (Files.exists(log) ? Files.readString(log) : ""));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("Dovecot did not listen on " + port + " within " + timeout);
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String id(String option, String user) throws Exception {
        Process id = new ProcessBuilder("id", option, user).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (id.waitFor() != 0) {
            throw new AssertionError("id " + option + " " + user + ": " + out);
        }
        return out;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed");
        }
    }

}
