package io.syncstore.server.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.tasks.TaskFromRequestRegistry;
import org.apache.james.webadmin.tasks.TaskRegistrationKey;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;

import io.syncstore.backend.importing.MailImporter;
import spark.Request;

/**
 * {@code POST /users/{username}/mailboxes?task=import&format=maildir|mbox&source=/absolute/path[&folder=Name]}:
 * imports the user's mail from a Maildir (Dovecot's layout) or from mbox files as a task. {@code folder} names the
 * folder of a single mbox file (default: the file's name).
 */
public final class ImportRequestToTask extends TaskFromRequestRegistry.TaskRegistration {
    public static final TaskRegistrationKey KEY = TaskRegistrationKey.of("import");

    @Inject
    ImportRequestToTask(MailImporter importer, UsersRepository usersRepository) {
        super(KEY, request -> toTask(importer, usersRepository, request));
    }

    private static ImportTask toTask(MailImporter importer, UsersRepository usersRepository, Request request) throws UsersRepositoryException {
        Username username = Username.of(request.params("username"));
        if (!usersRepository.contains(username)) {
            throw ErrorResponder.builder()
                .type(ErrorResponder.ErrorType.NOT_FOUND)
                .statusCode(HttpStatus.NOT_FOUND_404)
                .message("User '" + username.asString() + "' does not exist")
                .haltError();
        }
        ImportTask.Format format = format(request.queryParams("format"));
        Path source = Optional.ofNullable(request.queryParams("source"))
            .filter(value -> !value.isBlank())
            .map(Path::of)
            .filter(Path::isAbsolute)
            .orElseThrow(() -> new IllegalArgumentException("'source' must be the absolute path of the Maildir or mbox"));
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("'source' " + source + " does not exist or the server may not read it");
        }
        String folder = Optional.ofNullable(request.queryParams("folder")).orElse(source.getFileName().toString());
        return new ImportTask(importer, username, format, source, folder);
    }

    private static ImportTask.Format format(String value) {
        if (value == null) {
            throw new IllegalArgumentException("'format' is 'maildir' or 'mbox'");
        }
        try {
            return ImportTask.Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'format' is 'maildir' or 'mbox', not '" + value + "'");
        }
    }
}
