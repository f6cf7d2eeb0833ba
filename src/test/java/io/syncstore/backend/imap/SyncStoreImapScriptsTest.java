package io.syncstore.backend.imap;

import java.util.Locale;

import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mpt.api.ImapHostSystem;
import org.apache.james.mpt.host.JamesImapHostSystem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

/**
 * The IMAP protocol script suites of James 3.8.1 ({@code apache-james-mpt-imapmailbox-core}) against James's IMAP
 * processors over SyncStore, each test on a fresh database: the 30 suites James runs on its memory backend. The two
 * others, ACLCommands and ACLIntegration, are written for Cyrus (its {@code user.name} shared namespace and its ACL
 * answers) and James runs them only against Cyrus.
 */
class SyncStoreImapScriptsTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreHostSystem host;

    SyncStoreHostSystem newHost() {
        try {
            host = new SyncStoreHostSystem(DATABASES.open());
            host.beforeTest();
            return host;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the IMAP host", e);
        }
    }

    @Nested
    class SuiteAuthenticatePlain extends org.apache.james.mpt.imapmailbox.suite.AuthenticatePlain {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteAuthenticatedState extends org.apache.james.mpt.imapmailbox.suite.AuthenticatedState {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteConcurrentSessions extends org.apache.james.mpt.imapmailbox.suite.ConcurrentSessions {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteCopy extends org.apache.james.mpt.imapmailbox.suite.Copy {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteEvents extends org.apache.james.mpt.imapmailbox.suite.Events {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteExpunge extends org.apache.james.mpt.imapmailbox.suite.Expunge {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteFetch extends org.apache.james.mpt.imapmailbox.suite.Fetch {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteFetchBodySection extends org.apache.james.mpt.imapmailbox.suite.FetchBodySection {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteFetchBodyStructure extends org.apache.james.mpt.imapmailbox.suite.FetchBodyStructure {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteFetchHeaders extends org.apache.james.mpt.imapmailbox.suite.FetchHeaders {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteListing extends org.apache.james.mpt.imapmailbox.suite.Listing {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }

        /** The test James adds to this suite for its memory backend. */
        @Test
        void listShouldUTF7EscapeSpecialChar() throws Exception {
            host.createMailbox(MailboxPath.forUser(USER, "projects & abc"));
            host.createMailbox(MailboxPath.forUser(USER, "mailbox #17"));
            host.createMailbox(MailboxPath.forUser(USER, "évaluations"));

            simpleScriptedTestProtocol
                .withLocale(Locale.KOREA)
                .run("ListSpecialChar");
        }
    }

    @Nested
    class SuiteListingWithSharingTest extends org.apache.james.mpt.imapmailbox.suite.ListingWithSharingTest {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteMailboxAnnotation extends org.apache.james.mpt.imapmailbox.suite.MailboxAnnotation {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteMailboxWithLongNameError extends org.apache.james.mpt.imapmailbox.suite.MailboxWithLongNameError {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteMove extends org.apache.james.mpt.imapmailbox.suite.Move {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteNonAuthenticatedState extends org.apache.james.mpt.imapmailbox.suite.NonAuthenticatedState {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteObjectId extends org.apache.james.mpt.imapmailbox.suite.ObjectId {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuitePartialFetch extends org.apache.james.mpt.imapmailbox.suite.PartialFetch {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteQuotaTest extends org.apache.james.mpt.imapmailbox.suite.QuotaTest {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteRecent extends org.apache.james.mpt.imapmailbox.suite.Recent {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteRename extends org.apache.james.mpt.imapmailbox.suite.Rename {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteSearch extends org.apache.james.mpt.imapmailbox.suite.Search {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteSecurity extends org.apache.james.mpt.imapmailbox.suite.Security {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteSelect extends org.apache.james.mpt.imapmailbox.suite.Select {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteSelectedInbox extends org.apache.james.mpt.imapmailbox.suite.SelectedInbox {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteSelectedState extends org.apache.james.mpt.imapmailbox.suite.SelectedState {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteUidSearch extends org.apache.james.mpt.imapmailbox.suite.UidSearch {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteUidSearchOnIndex extends org.apache.james.mpt.imapmailbox.suite.UidSearchOnIndex {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteUserFlagsSupport extends org.apache.james.mpt.imapmailbox.suite.UserFlagsSupport {
        @Override
        protected ImapHostSystem createImapHostSystem() {
            return newHost();
        }
    }

    @Nested
    class SuiteCondstore extends org.apache.james.mpt.imapmailbox.suite.Condstore {
        @Override
        protected JamesImapHostSystem createJamesImapHostSystem() {
            return newHost();
        }
    }
}
