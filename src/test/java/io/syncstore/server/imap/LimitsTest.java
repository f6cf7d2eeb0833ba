package io.syncstore.server.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.junit.jupiter.api.Test;

import io.syncstore.config.ConfigurationError;

/** A bad value of an IMAP limit stops the start-up with one line naming the file and the key. */
class LimitsTest {
    private static BaseHierarchicalConfiguration with(String key, String value) {
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty(key, value);
        return configuration;
    }

    @Test
    void defaultsWhenNothingIsSet() {
        Limits limits = Limits.of(new BaseHierarchicalConfiguration());
        assertThat(limits.maxNestingDepth()).isEqualTo(Limits.DEFAULT_MAX_NESTING_DEPTH);
        assertThat(limits.commandsPerSecond()).isZero();
    }

    @Test
    void valuesAreRead() {
        assertThat(Limits.of(with("maxNestingDepth", " 12 ")).maxNestingDepth()).isEqualTo(12);
        assertThat(Limits.of(with("commandsPerSecond", "250")).commandsPerSecond()).isEqualTo(250);
        assertThat(Limits.of(with("inMemorySizeLimit", "1M")).inMemorySizeLimit()).isEqualTo(1024 * 1024);
    }

    @Test
    void badValuesAreNamedInOneLine() {
        assertThatThrownBy(() -> Limits.of(with("maxNestingDepth", "deep"))).isInstanceOf(ConfigurationError.class)
            .hasMessage("imapserver.xml: maxNestingDepth: 'deep' is not a whole number of at least 1");
        assertThatThrownBy(() -> Limits.of(with("maxNestingDepth", "0")))
            .hasMessage("imapserver.xml: maxNestingDepth: '0' is not a whole number of at least 1");
        assertThatThrownBy(() -> Limits.of(with("commandsPerSecond", "-3")))
            .hasMessage("imapserver.xml: commandsPerSecond: '-3' is not a whole number of at least 0");
        assertThatThrownBy(() -> Limits.of(with("literalMinus", "yes")))
            .hasMessage("imapserver.xml: literalMinus: 'yes' is not true or false");
        assertThatThrownBy(() -> Limits.of(with("inMemorySizeLimit", "ten")))
            .hasMessage("imapserver.xml: inMemorySizeLimit: 'ten' is not a size below 2 GiB such as 10M");
    }
}
