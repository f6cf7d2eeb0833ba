package io.syncstore.imap.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


class StoredNamesTest {
    private static final String DECOMPOSED = "Cafe\u0301";
    private static final String COMPOSED = "Caf\u00e9";
    private static final int MANY = 300;

    private StoredNamesFixture fixture;

    /** A user with many mailboxes: many at the top, many under a parent stored decomposed. */
    @BeforeEach
    void manyMailboxes() throws Exception {
        fixture = new StoredNamesFixture();
        fixture.create(DECOMPOSED);
        fixture.create(DECOMPOSED + ".Menu");
        for (int i = 0; i < MANY; i++) {
            fixture.create("Box" + i);
            fixture.create(DECOMPOSED + ".Sub" + i);
        }
        fixture.forgetReads();
    }

    private String nameFor(String written) {
        return fixture.storedNames.nameFor(written, fixture.session);
    }

    @Test
    void aNameIsResolvedLevelByLevelToTheFormsStored() {
        assertThat(nameFor(COMPOSED)).isEqualTo(DECOMPOSED);
        assertThat(nameFor(COMPOSED + ".Menu")).isEqualTo(DECOMPOSED + ".Menu");
        assertThat(nameFor(COMPOSED + ".Menu.De\u0301ja\u0300")).as("a new level is taken in NFC under the stored parent")
            .isEqualTo(DECOMPOSED + ".Menu.D\u00e9j\u00e0");
        assertThat(nameFor("Archive." + DECOMPOSED)).as("nothing stored: NFC").isEqualTo("Archive." + COMPOSED);
        assertThat(nameFor(DECOMPOSED)).as("as written when so stored").isEqualTo(DECOMPOSED);
    }

    @Test
    void eachLookupReadsOnlyTheChildrenOfTheParentItResolved() {
        nameFor(COMPOSED + ".Menu.D\u00e9j\u00e0");
        assertThat(fixture.mailboxesRead()).as("Café at the top, then the children of Café.Menu like D%j%: none")
            .isEqualTo(1);

        fixture.forgetReads();
        nameFor(COMPOSED + ".Sub7.x");
        assertThat(fixture.mailboxesRead()).as("ASCII levels below the non-ASCII one are not searched").isEqualTo(1);

        fixture.forgetReads();
        nameFor(COMPOSED + "*");
        assertThat(fixture.mailboxesRead()).as("a wildcard in the name reads no deeper than its level").isEqualTo(1);

        fixture.forgetReads();
        nameFor("\u00e9t\u00e9");
        assertThat(fixture.mailboxesRead()).as("a level with ASCII letters reads only the siblings holding them")
            .isEqualTo(0);

        fixture.forgetReads();
        nameFor("\u00e9.x");
        assertThat(fixture.mailboxesRead()).as("a level all non-ASCII reads its siblings, none of their children")
            .isEqualTo(MANY + 1);
    }

    @Test
    void asciiNamesOtherNamespacesAndNamesTooLongToBeStoredAreTakenWithoutReadingStorage() {
        String tooLong = "\u00e9".repeat(MailboxPath.MAX_MAILBOX_NAME_LENGTH + 1);
        assertThat(nameFor("Archive.2024")).isEqualTo("Archive.2024");
        assertThat(nameFor("#shared." + COMPOSED)).isEqualTo("#shared." + COMPOSED);
        assertThat(nameFor(tooLong)).isEqualTo(tooLong);
        assertThat(fixture.mailboxesRead()).isZero();
        assertThat(StoredNames.readsStorage(DECOMPOSED, fixture.session)).isTrue();
    }
}
