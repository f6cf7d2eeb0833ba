package io.syncstore.backend.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.james.mailbox.exception.MailboxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReachabilityTest {
    private final Reachability reachability = new Reachability();

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "57P01", "57P02", "57P03"})
    void aFailureToReachTheServerLosesItUntilAnAttemptReachesIt(String sqlState) throws MailboxException {
        fail(new SQLException("unreachable", sqlState));
        assertThat(reachability.isLost()).isTrue();

        assertThat(reachability.track(() -> 1)).isEqualTo(1);
        assertThat(reachability.isLost()).isFalse();
    }

    @Test
    void thePoolsTimeoutLosesIt() {
        fail(new SQLTransientConnectionException("syncstore-writers - Connection is not available"));
        assertThat(reachability.isLost()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "40001", "57014"})
    void aFailureOfTheWorkItselfShowsTheServerWasReached(String sqlState) {
        fail(new SQLException("unreachable", "08006"));
        fail(new SQLException("refused", sqlState));
        assertThat(reachability.isLost()).isFalse();
    }

    private void fail(SQLException cause) {
        assertThatThrownBy(() -> reachability.track(() -> {
            throw new StorageException("failed", cause);
        })).isInstanceOf(StorageException.class);
    }
}
