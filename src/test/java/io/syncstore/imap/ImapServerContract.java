package io.syncstore.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.GuiceJamesServer;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.utils.DataProbeImpl;

/**
 * What the IMAP protocol contracts share: the running server under test, set by each server's test class before its
 * tests, a new user per test, and raw connections to the server's first IMAP port.
 */
public abstract class ImapServerContract {
    protected static final String PASSWORD = "secret";
    private static final AtomicInteger USERS = new AtomicInteger();

    protected static GuiceJamesServer server;
    protected static int port;
    private static String domain;

    protected static void startUsing(GuiceJamesServer jamesServer, String mailDomain) throws Exception {
        server = jamesServer;
        domain = mailDomain;
        server.getProbe(DataProbeImpl.class).addDomain(mailDomain);
        port = server.getProbe(ImapGuiceProbe.class).getImapPort();
    }

    protected static String newUser() throws Exception {
        String user = "user" + USERS.incrementAndGet() + "@" + domain;
        server.getProbe(DataProbeImpl.class).addUser(user, PASSWORD);
        return user;
    }

    protected static RawImapClient connect(String user) throws IOException {
        return new RawImapClient(port).login(user, PASSWORD);
    }

    /** The lines of a command that must have succeeded. */
    protected static List<String> ok(List<String> lines) {
        assertThat(RawImapClient.last(lines)).as(lines.toString()).matches("a\\d+ OK.*");
        return lines;
    }
}
