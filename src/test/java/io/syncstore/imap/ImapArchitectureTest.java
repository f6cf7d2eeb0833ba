package io.syncstore.imap;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The IMAP extensions are drop-in jars for a stock James: they may use James's APIs, SyncStore's {@code io.syncstore.api}
 * and the MIME parsing and reactive helpers that go in their jar, never our own backend; those depend on nothing of
 * SyncStore's.
 */
class ImapArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.syncstore");

    @Test
    void theApiDependsOnNothingOfSyncStore() {
        noClasses().that().resideInAPackage("io.syncstore.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.syncstore.backend..", "io.syncstore.imap..",
                "io.syncstore.server..", "io.syncstore.config..")
            .check(CLASSES);
    }

    @Test
    void theMimeParsingSharedByBackendAndFetchEngineDependsOnNothingOfSyncStore() {
        noClasses().that().resideInAPackage("io.syncstore.mime..")
            .should().dependOnClassesThat().resideInAnyPackage("io.syncstore.backend..", "io.syncstore.imap..",
                "io.syncstore.server..", "io.syncstore.config..", "io.syncstore.api..")
            .check(CLASSES);
    }

    @Test
    void theReactiveHelpersDependOnNothingOfSyncStore() {
        noClasses().that().resideInAPackage("io.syncstore.reactive..")
            .should().dependOnClassesThat().resideInAnyPackage("io.syncstore.backend..", "io.syncstore.imap..",
                "io.syncstore.server..", "io.syncstore.config..", "io.syncstore.api..", "io.syncstore.mime..")
            .check(CLASSES);
    }

    /** The imap-extensions jar holds these packages only (pom.xml): a class of ours outside them is missing on a stock James. */
    @Test
    void imapExtensionsDependOnlyOnWhatTheirJarHolds() {
        noClasses().that().resideInAPackage("io.syncstore.imap..")
            .should().dependOnClassesThat(resideInAPackage("io.syncstore..")
                .and(not(resideInAnyPackage("io.syncstore.imap..", "io.syncstore.api..", "io.syncstore.mime..",
                    "io.syncstore.reactive.."))))
            .check(CLASSES);
    }
}
