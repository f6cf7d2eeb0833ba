package io.syncstore.server.startup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.server.core.configuration.Configuration;

import io.syncstore.config.ConfigurationError;

/**
 * Where the server finds its program, its configuration and its data, each chosen on its own so that the program
 * can be replaced (a new build, a package upgrade) without touching the other two. James's {@code file://conf/}
 * names the configuration folder and {@code file://var/} the data folder; other relative paths (e.g.
 * {@code extensions-jars/}) are the program's.
 */
public final class ServerDirectories implements JamesDirectoriesProvider {
    public static final String CONF_VARIABLE = "SYNCSTORE_CONF";
    public static final String DATA_VARIABLE = "SYNCSTORE_DATA";

    private final Path program;
    private final Path conf;
    private final Path data;

    private ServerDirectories(Path program, Path conf, Path data) {
        this.program = program.toAbsolutePath().normalize();
        this.conf = conf.toAbsolutePath().normalize();
        this.data = data.toAbsolutePath().normalize();
    }

    /** The configuration and data folders named by the environment, by default conf/ and var/ of the program. */
    public static ServerDirectories of(Path program, Map<String, String> environment) {
        return new ServerDirectories(program,
            setting(environment, CONF_VARIABLE).map(Path::of).orElse(program.resolve("conf")),
            setting(environment, DATA_VARIABLE).map(Path::of).orElse(program.resolve("var")));
    }

    private static Optional<String> setting(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    public Configuration configuration() {
        return new Configuration.Basic(new Configuration.ConfigurationPath(FileSystem.FILE_PROTOCOL_AND_CONF), this);
    }

    /** Creates the data folder if it is missing; it must be a folder this process may write. */
    public void prepareDataFolder() {
        try {
            Files.createDirectories(data);
        } catch (AccessDeniedException e) {
            throw dataFolderError("cannot be created: permission denied on " + e.getFile() + " for this process", e);
        } catch (IOException e) {
            throw dataFolderError("cannot be created: " + e, e);
        }
        if (!Files.isWritable(data)) {
            throw dataFolderError("is not writable by this process", null);
        }
    }

    private ConfigurationError dataFolderError(String problem, Throwable cause) {
        return new ConfigurationError("environment", DATA_VARIABLE, "the data folder " + data + " " + problem, cause);
    }

    public Path conf() {
        return conf;
    }

    public Path data() {
        return data;
    }

    @Override
    public String getAbsoluteDirectory() {
        return "/";
    }

    @Override
    public String getConfDirectory() {
        return conf + "/";
    }

    @Override
    public String getVarDirectory() {
        return data + "/";
    }

    @Override
    public String getRootDirectory() {
        return program.toString();
    }
}
