package io.syncstore.server.backup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.task.TaskManager;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequestRegistry;
import org.apache.james.webadmin.tasks.TaskRegistrationKey;
import org.apache.james.webadmin.utils.JsonTransformer;

import io.syncstore.backend.backup.OnlineBackup;
import spark.Request;
import spark.Service;

/**
 * {@code POST /syncstore/backups?action=create&target=/absolute/folder[&content=copy|link]} starts an online backup
 * as a task; {@code /tasks/{taskId}} follows it.
 */
public final class BackupRoutes implements Routes {
    public static final String BASE = "/syncstore/backups";

    private final OnlineBackup backup;
    private final TaskManager taskManager;
    private final JsonTransformer jsonTransformer;

    @Inject
    BackupRoutes(OnlineBackup backup, TaskManager taskManager, JsonTransformer jsonTransformer) {
        this.backup = backup;
        this.taskManager = taskManager;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.post(BASE, TaskFromRequestRegistry.builder()
            .register(TaskRegistrationKey.of("create"), this::backupTask)
            .buildAsRoute(taskManager), jsonTransformer);
    }

    private BackupTask backupTask(Request request) {
        Path target = Optional.ofNullable(request.queryParams("target"))
            .filter(value -> !value.isBlank())
            .map(Path::of)
            .filter(Path::isAbsolute)
            .orElseThrow(() -> new IllegalArgumentException("'target' must be the absolute path of the backup folder"));
        String content = Optional.ofNullable(request.queryParams("content")).orElse("copy");
        switch (content.toLowerCase(Locale.ROOT)) {
            case "copy":
                return new BackupTask(backup, target, OnlineBackup.ContentCopy.COPY);
            case "link":
                return new BackupTask(backup, target, OnlineBackup.ContentCopy.LINK);
            default:
                throw new IllegalArgumentException("'content' is 'copy' (the default) or 'link', not '" + content + "'");
        }
    }
}
