package io.syncstore.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.fasterxml.jackson.databind.JsonNode;

import io.syncstore.backend.backup.BackupException;
import io.syncstore.backend.backup.BackupRestore;
import io.syncstore.config.ConfigurationError;
import io.syncstore.config.SyncStoreConfiguration;
import io.syncstore.server.backup.BackupRoutes;
import io.syncstore.server.startup.ServerDirectories;

/**
 * The command line of {@code bin/syncstore-backup} and {@code bin/syncstore-import}. Backups and imports of a running
 * server go through its WebAdmin (as tasks, followed until they end); a restore works on the files of a stopped one.
 * Run with the program's folder as working directory and the server's folders in {@code SYNCSTORE_CONF} and
 * {@code SYNCSTORE_DATA} (as {@code bin/} sets them); {@code syncstore.cli.cwd} resolves relative paths given.
 */
public final class AdminCommand {
    private static final String USAGE = String.join("\n",
        "usage: syncstore-backup create FOLDER [--link]",
        "       syncstore-backup restore FOLDER",
        "       syncstore-import maildir USER MAILDIR",
        "       syncstore-import mbox USER FILE-OR-FOLDER [FOLDER-NAME]");

    private final ServerDirectories folders;
    private final Path callerDirectory;
    private final PrintStream out;

    AdminCommand(ServerDirectories folders, Path callerDirectory, PrintStream out) {
        this.folders = folders;
        this.callerDirectory = callerDirectory;
        this.out = out;
    }

    public static void main(String[] args) {
        Path home = Path.of("").toAbsolutePath();
        Path caller = Path.of(System.getProperty("syncstore.cli.cwd", home.toString()));
        try {
            System.exit(new AdminCommand(ServerDirectories.of(home, System.getenv()), caller, System.out).run(List.of(args)));
        } catch (IOException | BackupException | ConfigurationError e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(130);
        }
    }

    /** Returns the exit status: 0 done, 1 failed, 2 wrong usage. */
    int run(List<String> args) throws IOException, InterruptedException, BackupException {
        String command = args.size() >= 2 ? args.get(0) + " " + args.get(1) : "";
        switch (command) {
            case "backup create":
                if (args.size() == 3 || args.size() == 4 && args.get(3).equals("--link")) {
                    return backUp(path(args.get(2)), args.size() == 4);
                }
                break;
            case "backup restore":
                if (args.size() == 3) {
                    return restore(path(args.get(2)));
                }
                break;
            case "import maildir":
            case "import mbox":
                if (args.size() == 4 || args.size() == 5 && args.get(1).equals("mbox")) {
                    return importMail(args.get(1), args.get(2), path(args.get(3)), args.size() == 5 ? args.get(4) : null);
                }
                break;
            default:
                break;
        }
        System.err.println(USAGE);
        return 2;
    }

    private int backUp(Path target, boolean link) throws IOException, InterruptedException {
        WebAdminClient webAdmin = WebAdminClient.of(folders.conf());
        String taskId = webAdmin.startTask(BackupRoutes.BASE, Map.of("action", "create", "target", target.toString(),
            "content", link ? "link" : "copy"));
        out.println("Backup into " + target + " started (task " + taskId + ")");
        JsonNode task = webAdmin.await(taskId, details -> out.println("  content files: " + details.path("copiedFiles").asLong()
            + " copied (" + details.path("copiedBytes").asLong() + " bytes), " + details.path("presentFiles").asLong()
            + " already there, of " + details.path("contentFiles").asLong()));
        return ended(task, "Backup");
    }

    private int restore(Path backup) throws BackupException {
        SyncStoreConfiguration configuration = configuration();
        int files = new BackupRestore().restore(backup, configuration);
        out.println("Restored " + backup + " into " + configuration.databaseFile() + " and " + configuration.contentDirectory()
            + " (" + files + " content files)");
        return 0;
    }

    private int importMail(String format, String user, Path source, String folder) throws IOException, InterruptedException {
        WebAdminClient webAdmin = WebAdminClient.of(folders.conf());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("task", "import");
        parameters.put("format", format);
        parameters.put("source", source.toString());
        if (folder != null) {
            parameters.put("folder", folder);
        }
        String taskId = webAdmin.startTask("/users/" + user + "/mailboxes", parameters);
        out.println("Import of " + source + " for " + user + " started (task " + taskId + ")");
        JsonNode task = webAdmin.await(taskId, details -> out.println("  " + details.path("importedMessages").asLong()
            + " messages, " + details.path("importedFolders").asLong() + "/" + details.path("folders").asLong()
            + " folders (" + details.path("currentFolder").asText() + "), UIDs kept: " + details.path("keptUids").asLong()
            + ", new: " + details.path("newUids").asLong() + ", failed: " + details.path("failedMessages").asLong()));
        return ended(task, "Import");
    }

    private int ended(JsonNode task, String what) {
        String status = task.path("status").asText();
        String error = task.path("additionalInformation").path("error").asText("");
        if (status.equals("completed")) {
            out.println(what + " done");
            return 0;
        }
        System.err.println(what + " " + status + (error.isEmpty() ? " (see the server's log)" : ": " + error));
        return 1;
    }

    private SyncStoreConfiguration configuration() {
        Path file = folders.conf().resolve(SyncStoreConfiguration.FILE_NAME);
        try {
            XMLConfiguration xml = new Configurations().xml(file.toFile());
            return SyncStoreConfiguration.from(xml, folders.data());
        } catch (ConfigurationException e) {
            throw new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }

    private Path path(String argument) {
        return callerDirectory.resolve(argument).toAbsolutePath().normalize();
    }
}
