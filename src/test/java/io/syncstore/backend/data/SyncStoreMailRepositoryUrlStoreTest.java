package io.syncstore.backend.data;

import org.apache.james.mailrepository.MailRepositoryUrlStoreContract;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

@ExtendWith(SyncStoreMailRepositoryUrlStoreTest.UrlStoreResolver.class)
class SyncStoreMailRepositoryUrlStoreTest implements MailRepositoryUrlStoreContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    static class UrlStoreResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == MailRepositoryUrlStore.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return new SyncStoreMailRepositoryUrlStore(DATABASES.open());
        }
    }
}
