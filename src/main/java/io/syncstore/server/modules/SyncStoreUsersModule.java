package io.syncstore.server.modules;

import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;

import io.syncstore.backend.data.SyncStoreUsersRepository;

/** Users and their passwords in the SyncStore database, configured by {@code usersrepository.xml}. */
public class SyncStoreUsersModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreUsersRepository.class).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(SyncStoreUsersRepository.class);
    }

    @ProvidesIntoSet
    InitializationOperation configureUsersRepository(ConfigurationProvider configurationProvider, SyncStoreUsersRepository usersRepository) {
        return InitilizationOperationBuilder
            .forClass(SyncStoreUsersRepository.class)
            .init(() -> usersRepository.configure(configurationProvider.getConfiguration("usersrepository")));
    }
}
