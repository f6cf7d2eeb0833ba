package io.syncstore.backend.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.commons.lang3.tuple.Pair;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.AbstractRecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.rrt.lib.MappingsImpl;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableMap;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.RecipientRewriteSql;

/** Aliases, forwards, groups and the other James mappings; resolution and loop detection are James's. */
public class SyncStoreRecipientRewriteTable extends AbstractRecipientRewriteTable {
    private static final String DOMAIN_SOURCE_PREFIX = "*@";

    private final Database database;

    @Inject
    public SyncStoreRecipientRewriteTable(Database database) {
        this.database = database;
    }

    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        write(connection -> Sql.update(connection, RecipientRewriteSql.INSERT, encode(source), mapping.asString()));
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        write(connection -> Sql.update(connection, RecipientRewriteSql.DELETE, encode(source), mapping.asString()));
    }

    @Override
    public Mappings getStoredMappings(MappingSource source) throws RecipientRewriteTableException {
        return mappingsOf(source);
    }

    @Override
    public Map<MappingSource, Mappings> getAllMappings() throws RecipientRewriteTableException {
        List<Pair<MappingSource, Mapping>> rows = read(connection -> Sql.list(connection, RecipientRewriteSql.ALL,
            row -> Pair.of(decode(row.getString("source")), Mapping.of(row.getString("mapping")))));
        Map<MappingSource, MappingsImpl.Builder> bySource = new LinkedHashMap<>();
        rows.forEach(row -> bySource.computeIfAbsent(row.getKey(), source -> MappingsImpl.builder()).add(row.getValue()));
        return bySource.entrySet().stream()
            .collect(ImmutableMap.toImmutableMap(Map.Entry::getKey, entry -> entry.getValue().build()));
    }

    @Override
    public Stream<MappingSource> listSources(Mapping mapping) throws RecipientRewriteTableException {
        Preconditions.checkArgument(listSourcesSupportedType.contains(mapping.getType()),
            "Not supported mapping of type %s", mapping.getType());
        return read(connection -> Sql.list(connection, RecipientRewriteSql.SOURCES_OF,
            row -> decode(row.getString(1)), mapping.asString())).stream();
    }

    @Override
    protected Mappings mapAddress(String user, Domain domain) throws RecipientRewriteTableException {
        Mappings userMappings = mappingsOf(MappingSource.fromUser(Username.fromLocalPartWithDomain(user, domain)));
        if (!userMappings.isEmpty()) {
            return userMappings;
        }
        return mappingsOf(MappingSource.fromDomain(domain));
    }

    private Mappings mappingsOf(MappingSource source) throws RecipientRewriteTableException {
        return MappingsImpl.fromMappings(read(connection -> Sql.list(connection, RecipientRewriteSql.MAPPINGS_OF,
            row -> Mapping.of(row.getString(1)), encode(source))).stream());
    }

    /** {@link MappingSource#asString()} does not tell a domain from a user without domain; '*@domain' does. */
    private static String encode(MappingSource source) {
        return source.asDomain()
            .map(domain -> DOMAIN_SOURCE_PREFIX + domain.asString())
            .orElseGet(source::asString);
    }

    private static MappingSource decode(String source) {
        return MappingSource.parse(source);
    }

    private <T> T read(SqlWork<T> work) throws RecipientRewriteTableException {
        try {
            return database.read(work);
        } catch (MailboxException e) {
            throw new RecipientRewriteTableException("Cannot read the recipient rewrite table: " + e.getMessage(), e);
        }
    }

    private void write(SqlWork<Integer> work) throws RecipientRewriteTableException {
        try {
            database.write(work);
        } catch (MailboxException e) {
            throw new RecipientRewriteTableException("Cannot change the recipient rewrite table: " + e.getMessage(), e);
        }
    }
}
