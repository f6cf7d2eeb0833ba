package io.syncstore.server;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import org.apache.james.CoreDataModule;
import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.LMTPServerModule;
import org.apache.james.modules.protocols.ManageSieveServerModule;
import org.apache.james.modules.protocols.POP3ServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DKIMMailetModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.ServerRouteModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;

import com.google.inject.Module;
import com.google.inject.util.Modules;

import io.syncstore.backend.guice.SyncStoreMailboxModule;
import io.syncstore.config.ConfigurationError;
import io.syncstore.server.modules.BackupAndImportModule;
import io.syncstore.server.modules.CheckedConfigurationModule;
import io.syncstore.server.modules.SyncStoreImapServerModule;
import io.syncstore.server.modules.SyncStoreJmapModule;
import io.syncstore.server.modules.StartupChecksModule;
import io.syncstore.server.modules.SyncStoreDelegationModule;
import io.syncstore.server.modules.SyncStoreDomainsModule;
import io.syncstore.server.modules.SyncStoreEventBusModule;
import io.syncstore.server.modules.SyncStoreMailQueueModule;
import io.syncstore.server.modules.SyncStoreMailRepositoryModule;
import io.syncstore.server.modules.SyncStoreRecipientRewriteModule;
import io.syncstore.server.modules.SyncStoreSieveModule;
import io.syncstore.server.modules.SyncStoreUrlAuthModule;
import io.syncstore.server.modules.SyncStoreUsersModule;
import io.syncstore.server.startup.ServerDirectories;
import io.syncstore.server.startup.StartupFailure;

/**
 * Apache James with its protocols, mailet container and WebAdmin, keeping mail, users, domains, address mappings,
 * sieve scripts, delegations, mail queues and mail repositories in the SyncStore database.
 */
public class SyncStoreJamesServerMain implements JamesServerMain {
    public static final Module PROTOCOLS = Modules.combine(
        new IMAPServerModule(),
        new LMTPServerModule(),
        new ManageSieveServerModule(),
        new POP3ServerModule(),
        new ProtocolHandlerModule(),
        new SMTPServerModule());

    public static final Module WEBADMIN = Modules.combine(
        new WebAdminServerModule(),
        new DataRoutesModules(),
        new MailboxRoutesModule(),
        new MailQueueRoutesModule(),
        new MailRepositoriesRoutesModule(),
        new SieveRoutesModule(),
        // POST /servers?reload-certificate: the listeners read their certificates again
        new ServerRouteModule(),
        new BackupAndImportModule());

    /** Everything that must survive a restart lives in the SyncStore database. */
    public static final Module DURABLE_DATA = Modules.combine(
        new SyncStoreMailboxModule(),
        new SyncStoreUsersModule(),
        new SyncStoreDomainsModule(),
        new SyncStoreRecipientRewriteModule(),
        new SyncStoreSieveModule(),
        new SyncStoreDelegationModule(),
        new SyncStoreUrlAuthModule(),
        new SyncStoreMailQueueModule(),
        new SyncStoreMailRepositoryModule());

    public static final Module CONTAINER = Modules.combine(
        new MailetProcessingModule(),
        new MailboxModule(),
        new CoreDataModule(),
        new RawPostDequeueDecoratorModule(),
        new DKIMMailetModule(),
        // Tasks (re-indexing, queue and repository operations started from WebAdmin) run in memory: a restart ends them.
        new TaskManagerModule(),
        binder -> binder.bind(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class)
            .toInstance(() -> {
                throw new ConfigurationError("mailetcontainer.xml", "processors", "is missing");
            }));

    public static void main(String[] args) throws Exception {
        // GuiceJamesServer would log a stack trace and exit on a start-up error; we exit after saying what to fix.
        System.setProperty("james.exit.on.startup.error", "false");
        ExtraProperties.initialize();

        ServerDirectories directories = ServerDirectories.of(
            Path.of(System.getProperty(Configuration.WORKING_DIRECTORY, ".")), System.getenv());
        Configuration configuration = directories.configuration();
        GuiceJamesServer server = createServer(configuration)
            .overrideWith(new RunArgumentsModule(args));
        try {
            directories.prepareDataFolder();
            start(server, configuration);
        } catch (ConfigurationError error) {
            StartupFailure.explain(error, directories.conf()).report();
            System.exit(1);
        } catch (StartupFailure failure) {
            failure.report();
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("SyncStore James started: configuration " + directories.conf() + ", data " + directories.data());
    }

    public static GuiceJamesServer createServer(Configuration configuration) {
        return GuiceJamesServer.forConfiguration(configuration)
            .combineWith(CONTAINER, DURABLE_DATA, PROTOCOLS, WEBADMIN, new SyncStoreJmapModule(), new StartupChecksModule())
            .overrideWith(new CheckedConfigurationModule(), new SyncStoreImapServerModule(), new SyncStoreEventBusModule());
    }

    /** Starts the server; on failure releases what it holds (ports, the database) and says what to fix. */
    public static void start(GuiceJamesServer server, Configuration configuration) throws StartupFailure {
        try {
            server.start();
        } catch (Throwable e) {
            server.stop();
            throw StartupFailure.explain(e, configurationDirectory(configuration));
        }
    }

    private static Path configurationDirectory(Configuration configuration) {
        FileSystem fileSystem = new FileSystemImpl(configuration.directories());
        try {
            return fileSystem.getFile(configuration.configurationPath().asString()).toPath();
        } catch (FileNotFoundException e) {
            return Path.of(configuration.directories().getRootDirectory(), "conf");
        }
    }
}
