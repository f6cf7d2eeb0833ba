package io.syncstore.imap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The IMAP extensions are drop-in jars for a stock James: they may use James's APIs, never our own backend. */
class ImapArchitectureTest {
    @Test
    void imapExtensionsDoNotDependOnTheSyncStoreBackend() {
        JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.syncstore");

        noClasses().that().resideInAPackage("io.syncstore.imap..")
            .should().dependOnClassesThat().resideInAPackage("io.syncstore.backend..")
            .check(classes);
    }
}
