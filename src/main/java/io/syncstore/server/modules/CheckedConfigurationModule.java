package io.syncstore.server.modules;

import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.configuration.ConfigurationProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import io.syncstore.server.startup.CheckedConfigurationProvider;

/** Replaces James's configuration provider (use with {@code overrideWith}). */
public class CheckedConfigurationModule extends AbstractModule {
    @Provides
    @Singleton
    ConfigurationProvider configurationProvider(FileSystem fileSystem, Configuration configuration) {
        return new CheckedConfigurationProvider(fileSystem, configuration);
    }
}
