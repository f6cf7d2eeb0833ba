package io.syncstore.server.modules;

import org.apache.james.sieverepository.api.SieveQuotaRepository;
import org.apache.james.sieverepository.api.SieveRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

import io.syncstore.backend.data.SyncStoreSieveRepository;

/** Sieve scripts and their quotas in the SyncStore database. */
public class SyncStoreSieveModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreSieveRepository.class).in(Scopes.SINGLETON);
        bind(SieveRepository.class).to(SyncStoreSieveRepository.class);
        bind(SieveQuotaRepository.class).to(SyncStoreSieveRepository.class);
    }
}
