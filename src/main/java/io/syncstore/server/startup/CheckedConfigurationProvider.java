package io.syncstore.server.startup;

import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.server.core.configuration.FileConfigurationProvider;
import org.apache.james.util.LoggingLevel;
import org.xml.sax.SAXParseException;

import com.google.common.base.Throwables;

import io.syncstore.config.ConfigurationError;

/**
 * James's configuration provider, made strict where it is silent or vague: a file that exists but cannot be read
 * stops start-up (James would carry on as if it were empty), and a file that is not well-formed XML is reported with
 * its name, line and column. A listener's keystore secret may be kept beside the keystore ({@link KeystoreSecrets}).
 */
public class CheckedConfigurationProvider implements ConfigurationProvider {
    private static final String EXTENSION = ".xml";

    private final FileConfigurationProvider james;
    private final FileSystem fileSystem;
    private final Configuration.ConfigurationPath configurationPath;

    public CheckedConfigurationProvider(FileSystem fileSystem, Configuration configuration) {
        this.james = new FileConfigurationProvider(fileSystem, configuration);
        this.fileSystem = fileSystem;
        this.configurationPath = configuration.configurationPath();
    }

    @Override
    public HierarchicalConfiguration<ImmutableNode> getConfiguration(String component, LoggingLevel loggingLevelOnError) throws ConfigurationException {
        String fileName = component.split("\\.", 2)[0] + EXTENSION;
        existingFile(fileName)
            .filter(file -> !Files.isReadable(file.toPath()))
            .ifPresent(file -> {
                throw new ConfigurationError(fileName, "(file)", file.getAbsolutePath() + " exists but cannot be read by this process");
            });
        try {
            HierarchicalConfiguration<ImmutableNode> configuration = james.getConfiguration(component, loggingLevelOnError);
            if (ProtocolServers.FILES.contains(component)) {
                KeystoreSecrets.fillIn(fileName, component, configuration, fileSystem);
            }
            return configuration;
        } catch (ConfigurationException e) {
            throw new ConfigurationError(fileName, position(e), describe(e), e);
        }
    }

    private Optional<File> existingFile(String fileName) {
        try {
            return Optional.of(fileSystem.getFile(configurationPath.asString() + fileName)).filter(File::exists);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String position(ConfigurationException e) {
        return parseError(e)
            .map(parseError -> "line " + parseError.getLineNumber() + ", column " + parseError.getColumnNumber())
            .orElse("(file)");
    }

    private static String describe(ConfigurationException e) {
        return parseError(e)
            .map(parseError -> "not well-formed XML: " + parseError.getMessage())
            .orElseGet(() -> "cannot be read: " + Throwables.getRootCause(e).getMessage());
    }

    private static Optional<SAXParseException> parseError(Throwable e) {
        return Throwables.getCausalChain(e).stream()
            .filter(SAXParseException.class::isInstance)
            .map(SAXParseException.class::cast)
            .findFirst();
    }
}
