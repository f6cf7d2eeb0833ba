package io.syncstore.server.modules;

import javax.inject.Named;

import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.dto.DTOModuleInjections;
import org.apache.james.webadmin.routes.UserMailboxesRoutes;
import org.apache.james.webadmin.tasks.TaskFromRequestRegistry;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Names;

import io.syncstore.backend.backup.OnlineBackup;
import io.syncstore.server.backup.BackupRoutes;
import io.syncstore.server.backup.BackupTask;
import io.syncstore.server.importing.ImportRequestToTask;
import io.syncstore.server.importing.ImportTask;

/** WebAdmin tasks for online backups ({@code /syncstore/backups}) and mail imports ({@code /users/{user}/mailboxes}). */
public class BackupAndImportModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(OnlineBackup.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(BackupRoutes.class);
        Multibinder.newSetBinder(binder(), TaskFromRequestRegistry.TaskRegistration.class,
                Names.named(UserMailboxesRoutes.USER_MAILBOXES_OPERATIONS_INJECTION_KEY))
            .addBinding().to(ImportRequestToTask.class);
    }

    @Named(DTOModuleInjections.WEBADMIN_DTO)
    @ProvidesIntoSet
    AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation, ? extends AdditionalInformationDTO> backupDetails() {
        return BackupTask.DETAILS_JSON;
    }

    @Named(DTOModuleInjections.WEBADMIN_DTO)
    @ProvidesIntoSet
    AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation, ? extends AdditionalInformationDTO> importDetails() {
        return ImportTask.DETAILS_JSON;
    }
}
