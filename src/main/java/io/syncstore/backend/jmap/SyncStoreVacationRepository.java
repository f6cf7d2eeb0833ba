package io.syncstore.backend.jmap;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.Vacation;
import org.apache.james.vacation.api.VacationPatch;
import org.apache.james.vacation.api.VacationRepository;

import com.google.common.base.Preconditions;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.VacationSql;
import reactor.core.publisher.Mono;

/** Each account's vacation response; a patch is applied to the stored one in a single write. */
public class SyncStoreVacationRepository implements VacationRepository {
    private final Database database;

    @Inject
    public SyncStoreVacationRepository(Database database) {
        this.database = database;
    }

    @Override
    public Mono<Void> modifyVacation(AccountId accountId, VacationPatch vacationPatch) {
        Preconditions.checkNotNull(accountId);
        Preconditions.checkNotNull(vacationPatch);
        return database.writeReactive(connection -> {
                Vacation current = Sql.first(connection, VacationSql.VACATION_OF, SyncStoreVacationRepository::vacation,
                        accountId.getIdentifier())
                    .orElse(DEFAULT_VACATION);
                Vacation patched = vacationPatch.patch(current);
                return Sql.update(connection, VacationSql.SAVE_VACATION, accountId.getIdentifier(), patched.isEnabled(),
                    text(patched.getFromDate()), text(patched.getToDate()), patched.getSubject().orElse(null),
                    patched.getTextBody().orElse(null), patched.getHtmlBody().orElse(null));
            })
            .then();
    }

    @Override
    public Mono<Vacation> retrieveVacation(AccountId accountId) {
        Preconditions.checkNotNull(accountId);
        return database.readReactive(connection -> Sql.first(connection, VacationSql.VACATION_OF,
                SyncStoreVacationRepository::vacation, accountId.getIdentifier()))
            .map(vacation -> vacation.orElse(DEFAULT_VACATION));
    }

    private static Vacation vacation(ResultSet row) throws SQLException {
        return Vacation.builder()
            .enabled(row.getBoolean("enabled"))
            .fromDate(date(row.getString("from_date")))
            .toDate(date(row.getString("to_date")))
            .subject(Optional.ofNullable(row.getString("subject")))
            .textBody(Optional.ofNullable(row.getString("text_body")))
            .htmlBody(Optional.ofNullable(row.getString("html_body")))
            .build();
    }

    private static String text(Optional<ZonedDateTime> date) {
        return date.map(ZonedDateTime::toString).orElse(null);
    }

    private static Optional<ZonedDateTime> date(String text) {
        return Optional.ofNullable(text).map(ZonedDateTime::parse);
    }
}
