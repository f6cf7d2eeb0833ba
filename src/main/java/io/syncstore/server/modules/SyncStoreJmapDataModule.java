package io.syncstore.server.modules;

import java.io.FileNotFoundException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

import org.apache.james.DefaultVacationService;
import org.apache.james.eventsourcing.eventstore.EventStore;
import org.apache.james.eventsourcing.eventstore.cassandra.JsonEventSerializer;
import org.apache.james.jmap.api.access.AccessTokenRepository;
import org.apache.james.jmap.api.change.EmailChangeRepository;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.MailboxChangeRepository;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.filtering.FilteringManagement;
import org.apache.james.jmap.api.filtering.impl.EventSourcingFilteringManagement;
import org.apache.james.jmap.api.filtering.impl.FilterUsernameChangeTaskStep;
import org.apache.james.jmap.api.identity.CustomIdentityDAO;
import org.apache.james.jmap.api.projections.EmailQueryView;
import org.apache.james.jmap.api.projections.MessageFastViewProjection;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepository;
import org.apache.james.jmap.api.upload.UploadRepository;
import org.apache.james.jmap.cassandra.filtering.FilteringRuleSetDefineDTOModules;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.util.DurationParser;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.VacationRepository;
import org.apache.james.vacation.api.VacationService;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;

import io.syncstore.backend.jmap.ChangeRetention;
import io.syncstore.backend.jmap.SyncStoreAccessTokenRepository;
import io.syncstore.backend.jmap.SyncStoreCustomIdentityDAO;
import io.syncstore.backend.jmap.SyncStoreEmailChangeRepository;
import io.syncstore.backend.jmap.SyncStoreEmailQueryView;
import io.syncstore.backend.jmap.SyncStoreEventStore;
import io.syncstore.backend.jmap.SyncStoreMailboxChangeRepository;
import io.syncstore.backend.jmap.SyncStoreMessageFastViewProjection;
import io.syncstore.backend.jmap.SyncStoreNotificationRegistry;
import io.syncstore.backend.jmap.SyncStorePushSubscriptionRepository;
import io.syncstore.backend.jmap.SyncStoreUploadRepository;
import io.syncstore.backend.jmap.SyncStoreVacationRepository;
import io.syncstore.config.ConfigurationError;

/** What James's JMAP keeps, in the SyncStore database. */
public class SyncStoreJmapDataModule extends AbstractModule {
    /** At most this many ids in one {@code /changes} answer when the client does not ask for fewer (James's default). */
    private static final Limit DEFAULT_CHANGES_LIMIT = Limit.of(256);
    /** Uploads not used within this time are removed; RFC 8620 §6.1 asks for at least an hour. */
    private static final Duration UPLOAD_RETENTION = Duration.ofDays(7);
    private static final String CHANGES_MAX_AGE = "changes.maxAge";
    private static final String CHANGES_MAX_COUNT = "changes.maxCount";
    private static final Duration DEFAULT_CHANGES_MAX_AGE = Duration.ofDays(90);
    private static final int DEFAULT_CHANGES_MAX_COUNT = 10_000;

    @Override
    protected void configure() {
        bind(State.Factory.class).to(State.DefaultFactory.class);
        bind(Limit.class).annotatedWith(Names.named(SyncStoreEmailChangeRepository.LIMIT_NAME)).toInstance(DEFAULT_CHANGES_LIMIT);
        bind(Limit.class).annotatedWith(Names.named(SyncStoreMailboxChangeRepository.LIMIT_NAME)).toInstance(DEFAULT_CHANGES_LIMIT);
        bind(Duration.class).annotatedWith(Names.named(SyncStoreUploadRepository.RETENTION_NAME)).toInstance(UPLOAD_RETENTION);

        bindSingleton(EmailChangeRepository.class, SyncStoreEmailChangeRepository.class);
        bindSingleton(MailboxChangeRepository.class, SyncStoreMailboxChangeRepository.class);
        bindSingleton(PushSubscriptionRepository.class, SyncStorePushSubscriptionRepository.class);
        bindSingleton(UploadRepository.class, SyncStoreUploadRepository.class);
        bindSingleton(MessageFastViewProjection.class, SyncStoreMessageFastViewProjection.class);
        bindSingleton(CustomIdentityDAO.class, SyncStoreCustomIdentityDAO.class);
        bindSingleton(VacationRepository.class, SyncStoreVacationRepository.class);
        bindSingleton(VacationService.class, DefaultVacationService.class);
        bindSingleton(NotificationRegistry.class, SyncStoreNotificationRegistry.class);
        bindSingleton(AccessTokenRepository.class, SyncStoreAccessTokenRepository.class);
        bindSingleton(EventStore.class, SyncStoreEventStore.class);

        bind(EventSourcingFilteringManagement.class).in(Scopes.SINGLETON);
        bind(FilteringManagement.class).to(EventSourcingFilteringManagement.class);
        bind(EventSourcingFilteringManagement.ReadProjection.class).to(EventSourcingFilteringManagement.NoReadProjection.class);

        // Read only when jmap.properties sets view.email.query.enabled (off by default: Email/query then searches).
        bindSingleton(EmailQueryView.class, SyncStoreEmailQueryView.class);

        Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class).addBinding().to(FilterUsernameChangeTaskStep.class);
    }

    /** How much of each account's change logs is kept: {@code changes.maxAge}, {@code changes.maxCount} of jmap.properties. */
    @Provides
    @Singleton
    ChangeRetention changeRetention(PropertiesProvider propertiesProvider) throws ConfigurationException {
        Configuration jmap;
        try {
            jmap = propertiesProvider.getConfiguration("jmap");
        } catch (FileNotFoundException e) {
            return ChangeRetention.of(DEFAULT_CHANGES_MAX_AGE, DEFAULT_CHANGES_MAX_COUNT);
        }
        Duration maxAge = setting(jmap, CHANGES_MAX_AGE, "a positive duration (e.g. 90d)",
            () -> Optional.ofNullable(jmap.getString(CHANGES_MAX_AGE, null))
                .map(value -> DurationParser.parse(value.trim(), ChronoUnit.DAYS))
                .orElse(DEFAULT_CHANGES_MAX_AGE),
            age -> !age.isNegative() && !age.isZero());
        int maxCount = setting(jmap, CHANGES_MAX_COUNT, "a positive whole number",
            () -> jmap.getInt(CHANGES_MAX_COUNT, DEFAULT_CHANGES_MAX_COUNT), count -> count >= 1);
        return ChangeRetention.of(maxAge, maxCount);
    }

    private static <T> T setting(Configuration jmap, String key, String expected, Supplier<T> read, Predicate<T> valid) {
        try {
            T value = read.get();
            if (valid.test(value)) {
                return value;
            }
        } catch (RuntimeException e) {
            // reported below, with the file and the key
        }
        throw new ConfigurationError("jmap.properties", key, "'" + jmap.getString(key) + "' is not " + expected);
    }

    /** The JSON forms of the events the event store keeps: those of the JMAP filtering rules. */
    @Provides
    @Singleton
    JsonEventSerializer eventSerializer() {
        return JsonEventSerializer.forModules(FilteringRuleSetDefineDTOModules.FILTERING_RULE_SET_DEFINED,
                FilteringRuleSetDefineDTOModules.FILTERING_INCREMENT)
            .withoutNestedType();
    }

    private <T> void bindSingleton(Class<T> api, Class<? extends T> implementation) {
        bind(implementation).in(Scopes.SINGLETON);
        bind(api).to(implementation);
    }
}
