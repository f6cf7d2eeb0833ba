package io.syncstore.imap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The IMAP extensions are drop-in jars for a stock James: they may use James's APIs and SyncStore's
 * {@code io.syncstore.api}, never our own backend; that API depends on nothing of SyncStore's.
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
    void imapExtensionsDoNotDependOnTheSyncStoreBackend() {
        noClasses().that().resideInAPackage("io.syncstore.imap..")
            .should().dependOnClassesThat().resideInAPackage("io.syncstore.backend..")
            .check(CLASSES);
    }
}
