package io.syncstore.backend.guice;

import java.nio.file.Paths;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.server.core.configuration.ConfigurationProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.config.ConfigurationError;
import io.syncstore.config.SyncStoreConfiguration;

/** The SyncStore database, opened from {@code syncstore.xml} at start and closed at shutdown. */
public class SyncStoreDatabaseModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ContentStore.class).in(Scopes.SINGLETON);
        bind(DatabaseCloser.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    SyncStoreConfiguration configuration(ConfigurationProvider configurationProvider, JamesDirectoriesProvider directories) {
        try {
            return SyncStoreConfiguration.from(configurationProvider.getConfiguration("syncstore"),
                Paths.get(directories.getVarDirectory()));
        } catch (ConfigurationException e) {
            throw new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    Database database(SyncStoreConfiguration configuration) {
        return Database.open(configuration);
    }

    /** Checkpoints and closes the database when James stops. */
    static class DatabaseCloser {
        private final Database database;

        @Inject
        DatabaseCloser(Database database) {
            this.database = database;
        }

        @PreDestroy
        void close() {
            database.close();
        }
    }
}
