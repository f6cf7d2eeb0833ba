package io.syncstore.backend.jmap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.jmap.api.identity.CustomIdentityDAO;
import org.apache.james.jmap.api.identity.IdentityCreationRequest;
import org.apache.james.jmap.api.identity.IdentityNotFoundException;
import org.apache.james.jmap.api.identity.IdentityUpdate;
import org.apache.james.jmap.api.model.EmailAddress;
import org.apache.james.jmap.api.model.Identity;
import org.apache.james.jmap.api.model.IdentityId;
import org.reactivestreams.Publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.JmapDataSql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scala.publisher.SMono;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.OptionConverters;
import scala.runtime.BoxedUnit;

/** Identities users created or changed over JMAP ({@code Identity/set}); the server-set ones are computed by James. */
public class SyncStoreCustomIdentityDAO implements CustomIdentityDAO {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<StoredAddress>> ADDRESS_LIST = new TypeReference<>() {
    };

    /** The JSON form of an {@link EmailAddress} in the reply_to and bcc columns. */
    public static final class StoredAddress {
        public String name;
        public String email;
    }

    private final Database database;

    @Inject
    public SyncStoreCustomIdentityDAO(Database database) {
        this.database = database;
    }

    @Override
    public Publisher<Identity> save(Username user, IdentityCreationRequest creationRequest) {
        return save(user, IdentityId.generate(), creationRequest);
    }

    @Override
    public Publisher<Identity> save(Username user, IdentityId identityId, IdentityCreationRequest creationRequest) {
        Identity identity = creationRequest.asIdentity(identityId);
        return write(user, identity).thenReturn(identity);
    }

    @Override
    public Publisher<Identity> list(Username user) {
        return database.readReactive(connection -> Sql.list(connection, JmapDataSql.IDENTITIES_OF, SyncStoreCustomIdentityDAO::identity,
                user.asString()))
            .flatMapMany(Flux::fromIterable);
    }

    @Override
    public SMono<Identity> findByIdentityId(Username user, IdentityId identityId) {
        return SMono.fromPublisher(database.readReactive(connection -> find(connection, user, identityId))
            .flatMap(Mono::justOrEmpty));
    }

    @Override
    public Publisher<BoxedUnit> update(Username user, IdentityId identityId, IdentityUpdate identityUpdate) {
        return database.writeReactive(connection -> {
                Identity updated = identityUpdate.update(find(connection, user, identityId)
                    .orElseThrow(() -> new IdentityNotFoundException(identityId)));
                upsert(connection, user, updated);
                return BoxedUnit.UNIT;
            });
    }

    @Override
    public SMono<BoxedUnit> upsert(Username user, Identity patch) {
        return SMono.fromPublisher(write(user, patch).thenReturn(BoxedUnit.UNIT));
    }

    @Override
    public Publisher<BoxedUnit> delete(Username username, scala.collection.immutable.Seq<IdentityId> ids) {
        return database.writeReactive(connection -> {
                for (IdentityId id : CollectionConverters.asJava(ids)) {
                    Sql.update(connection, JmapDataSql.DELETE_IDENTITY, username.asString(), id.serialize());
                }
                return BoxedUnit.UNIT;
            });
    }

    private Mono<Integer> write(Username user, Identity identity) {
        return database.writeReactive(connection -> upsert(connection, user, identity));
    }

    private static int upsert(Connection connection, Username user, Identity identity) throws SQLException {
        return Sql.update(connection, JmapDataSql.UPSERT_IDENTITY, user.asString(), identity.id().serialize(),
            identity.sortOrder(), identity.name(), identity.email().asString(), addressesJson(identity.replyTo()),
            addressesJson(identity.bcc()), identity.textSignature(), identity.htmlSignature(), identity.mayDelete());
    }

    private static Optional<Identity> find(Connection connection, Username user, IdentityId identityId) throws SQLException {
        return Sql.first(connection, JmapDataSql.IDENTITY, SyncStoreCustomIdentityDAO::identity, user.asString(), identityId.serialize());
    }

    private static Identity identity(ResultSet row) throws SQLException {
        return Identity.apply(
            new IdentityId(UUID.fromString(row.getString("id"))),
            row.getInt("sort_order"),
            row.getString("name"),
            address(row.getString("email")),
            addresses(row.getString("reply_to")),
            addresses(row.getString("bcc")),
            row.getString("text_signature"),
            row.getString("html_signature"),
            row.getBoolean("may_delete"));
    }

    private static String addressesJson(Option<scala.collection.immutable.List<EmailAddress>> addresses) throws SQLException {
        if (addresses.isEmpty()) {
            return null;
        }
        List<StoredAddress> stored = CollectionConverters.asJava(addresses.get()).stream()
            .map(address -> {
                StoredAddress json = new StoredAddress();
                json.name = address.nameAsString();
                json.email = address.email().asString();
                return json;
            })
            .collect(Collectors.toList());
        try {
            return JSON.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new SQLException("Cannot write identity addresses as JSON", e);
        }
    }

    private static Option<scala.collection.immutable.List<EmailAddress>> addresses(String json) throws SQLException {
        if (json == null) {
            return Option.empty();
        }
        try {
            List<EmailAddress> addresses = new ArrayList<>();
            for (StoredAddress stored : JSON.readValue(json, ADDRESS_LIST)) {
                addresses.add(EmailAddress.from(Optional.ofNullable(stored.name), address(stored.email)));
            }
            return Option.apply(CollectionConverters.asScala(addresses).toList());
        } catch (JsonProcessingException e) {
            throw new SQLException("Stored identity addresses are not valid JSON: " + json, e);
        }
    }

    private static MailAddress address(String value) throws SQLException {
        try {
            return new MailAddress(value);
        } catch (AddressException e) {
            throw new SQLException("Stored identity address is not an address: " + value, e);
        }
    }
}
