package io.syncstore.backend.jmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.jmap.api.change.EmailChange;
import org.apache.james.jmap.api.change.EmailChanges;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.MailboxChange;
import org.apache.james.jmap.api.change.MailboxChanges;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.change.TypeStateFactory;
import org.apache.james.jmap.api.filtering.Rule;
import org.apache.james.jmap.api.filtering.impl.EventSourcingFilteringManagement;
import org.apache.james.jmap.api.identity.IdentityCreationRequest;
import org.apache.james.jmap.api.model.AccountId;
import org.apache.james.jmap.api.model.DeviceClientId;
import org.apache.james.jmap.api.model.Identity;
import org.apache.james.jmap.api.model.PushSubscription;
import org.apache.james.jmap.api.model.PushSubscriptionCreationRequest;
import org.apache.james.jmap.api.model.PushSubscriptionServerURL;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.api.model.UploadMetaData;
import org.apache.james.jmap.api.model.Preview;
import org.apache.james.jmap.api.projections.MessageFastViewPrecomputedProperties;
import org.apache.james.jmap.change.EmailTypeName$;
import org.apache.james.mailbox.model.ContentType;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.vacation.api.VacationPatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.model.SyncStoreMessageId;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/** What a JMAP client relies on between sessions is still there after the database is closed and opened again. */
class JmapStateReopeningTest {
    private static final Username BOB = Username.of("bob@example.com");
    private static final AccountId ACCOUNT = AccountId.fromUsername(BOB);
    private static final Limit LIMIT = Limit.of(256);
    private static final TypeStateFactory TYPES = new TypeStateFactory(Set.<TypeName>of(EmailTypeName$.MODULE$));

    @TempDir
    Path folder;

    @Test
    void jmapStateSurvivesClosingAndReopeningTheDatabase() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        SyncStoreMessageId.Factory messageIds = new SyncStoreMessageId.Factory();
        SyncStoreMessageId message = (SyncStoreMessageId) messageIds.generate();
        State emailStateBefore = State.Factory.DEFAULT.generate();
        State mailboxStateBefore = State.Factory.DEFAULT.generate();
        UploadMetaData upload;
        PushSubscription subscription;
        Identity identity;
        try (Database database = Database.open(configuration)) {
            SyncStoreEmailChangeRepository emailChanges = new SyncStoreEmailChangeRepository(database, messageIds, LIMIT, ChangeRetentionTest.PRUNING_NOTHING);
            emailChanges.save(emailChange(emailStateBefore, message)).block();
            emailChanges.save(emailChange(State.Factory.DEFAULT.generate(), message)).block();
            SyncStoreMailboxChangeRepository mailboxChanges = new SyncStoreMailboxChangeRepository(database, new SyncStoreMailboxId.Factory(), LIMIT, ChangeRetentionTest.PRUNING_NOTHING);
            mailboxChanges.save(mailboxChange(mailboxStateBefore)).block();
            mailboxChanges.save(mailboxChange(State.Factory.DEFAULT.generate())).block();

            upload = Mono.from(new SyncStoreUploadRepository(database, new ContentStore(database), Clock.systemUTC(), Duration.ofDays(1))
                .upload(new ByteArrayInputStream("attached".getBytes(StandardCharsets.UTF_8)), ContentType.of("text/plain"), BOB)).block();
            subscription = Mono.from(new SyncStorePushSubscriptionRepository(database, TYPES, Clock.systemUTC(), new KeptPushTargets(Clock.systemUTC(), database))
                .save(BOB, new PushSubscriptionCreationRequest("phone", new PushSubscriptionServerURL(new java.net.URL("https://push.example/1")),
                    Option.empty(), Option.empty(), CollectionConverters.asScala(List.<TypeName>of(EmailTypeName$.MODULE$)).toSeq()))).block();
            identity = Mono.from(new SyncStoreCustomIdentityDAO(database).save(BOB, IdentityCreationRequest.fromJava(new MailAddress("bob@example.com"),
                Optional.of("Bob"), Optional.empty(), Optional.empty(), Optional.of(3), Optional.of("-- Bob"), Optional.empty()))).block();
            new SyncStoreMessageFastViewProjection(database, new RecordingMetricFactory())
                .store(message, MessageFastViewPrecomputedProperties.builder().preview(Preview.from("Hello")).noAttachments().build()).block();
            new SyncStoreVacationRepository(database).modifyVacation(org.apache.james.vacation.api.AccountId.fromUsername(BOB),
                VacationPatch.builder().isEnabled(true).subject("Away").build()).block();
            Mono.from(new EventSourcingFilteringManagement(new SyncStoreEventStore(database, EventSerializers.forFilteringEvents()))
                .defineRulesForUser(BOB, Optional.empty(), rule())).block();
        }

        try (Database database = Database.open(configuration)) {
            EmailChanges emailChanges = new SyncStoreEmailChangeRepository(database, messageIds, LIMIT, ChangeRetentionTest.PRUNING_NOTHING)
                .getSinceState(ACCOUNT, emailStateBefore, Optional.empty()).block();
            assertThat(emailChanges.getUpdated()).containsExactly(message);
            MailboxChanges mailboxChanges = new SyncStoreMailboxChangeRepository(database, new SyncStoreMailboxId.Factory(), LIMIT, ChangeRetentionTest.PRUNING_NOTHING)
                .getSinceState(ACCOUNT, mailboxStateBefore, Optional.empty()).block();
            assertThat(mailboxChanges.getUpdated()).containsExactly(SyncStoreMailboxId.of(7));

            assertThat(Mono.from(new SyncStoreUploadRepository(database, new ContentStore(database), Clock.systemUTC(), Duration.ofDays(1))
                    .retrieve(upload.uploadId(), BOB)).block().content().apply().readAllBytes())
                .isEqualTo("attached".getBytes(StandardCharsets.UTF_8));
            assertThat(Flux.from(new SyncStorePushSubscriptionRepository(database, TYPES, Clock.systemUTC(), new KeptPushTargets(Clock.systemUTC(), database)).list(BOB)).collectList().block())
                .containsExactly(subscription);
            assertThat(Flux.from(new SyncStoreCustomIdentityDAO(database).list(BOB)).collectList().block())
                .containsExactly(identity);
            assertThat(new SyncStoreMessageFastViewProjection(database, new RecordingMetricFactory()).retrieve(message).block().getPreview())
                .isEqualTo(Preview.from("Hello"));
            assertThat(new SyncStoreVacationRepository(database).retrieveVacation(org.apache.james.vacation.api.AccountId.fromUsername(BOB))
                .block().getSubject()).contains("Away");
            assertThat(Mono.from(new EventSourcingFilteringManagement(new SyncStoreEventStore(database, EventSerializers.forFilteringEvents()))
                .listRulesForUser(BOB)).block().getRules()).containsExactly(rule());
        }
    }

    private static EmailChange emailChange(State state, SyncStoreMessageId message) {
        return EmailChange.builder().accountId(ACCOUNT).state(state).date(ZonedDateTime.now()).isDelegated(false)
            .updated(message).build();
    }

    private static MailboxChange mailboxChange(State state) {
        return MailboxChange.builder().accountId(ACCOUNT).state(state).date(ZonedDateTime.now()).isCountChange(false)
            .updated(List.of(SyncStoreMailboxId.of(7))).build();
    }

    private static Rule rule() {
        return Rule.builder()
            .id(Rule.Id.of("1"))
            .name("lists")
            .condition(Rule.Condition.of(Rule.Condition.Field.SUBJECT, Rule.Condition.Comparator.CONTAINS, "[list]"))
            .action(Rule.Action.of(Rule.Action.AppendInMailboxes.withMailboxIds("42")))
            .build();
    }
}
