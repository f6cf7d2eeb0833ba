package io.syncstore.server.jmap;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.jmap.JMAPConfiguration;
import org.apache.james.jmap.event.PopulateEmailQueryViewListener;
import org.apache.james.lifecycle.api.Startable;
import org.reactivestreams.Publisher;

/**
 * James's {@link PopulateEmailQueryViewListener}, which keeps JMAP's email query view, heard only while
 * {@code jmap.properties} has {@code Email/query} read that view ({@code view.email.query.enabled}). Otherwise nothing
 * reads the view, and keeping it cost a commit for every message added, flagged \Deleted or expunged. A server that
 * starts reading the view first brings it up to date ({@code SyncStoreEmailQueryView.catchUp}).
 */
public class EmailQueryViewUpkeep implements EventListener.ReactiveGroupEventListener, Startable {
    private final PopulateEmailQueryViewListener listener;
    private final boolean viewRead;

    @Inject
    EmailQueryViewUpkeep(PopulateEmailQueryViewListener listener, JMAPConfiguration configuration) {
        this.listener = listener;
        this.viewRead = configuration.isEmailQueryViewEnabled();
    }

    /** James's group, so that events left in the dead letters by an earlier version are still redelivered here. */
    @Override
    public Group getDefaultGroup() {
        return listener.getDefaultGroup();
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return listener.getExecutionMode();
    }

    @Override
    public boolean isHandling(Event event) {
        return viewRead && listener.isHandling(event);
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        return listener.reactiveEvent(event);
    }
}
