package io.syncstore.backend.jmap;

import org.apache.james.vacation.api.VacationRepository;
import org.apache.james.vacation.api.VacationRepositoryContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreVacationRepositoryTest implements VacationRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private VacationRepository repository;

    @BeforeEach
    void setUp() {
        repository = new SyncStoreVacationRepository(DATABASES.open());
    }

    @Override
    public VacationRepository vacationRepository() {
        return repository;
    }
}
