package io.syncstore.backend.jmap;

import org.apache.james.jmap.api.projections.MessageFastViewProjection;
import org.apache.james.jmap.api.projections.MessageFastViewProjectionContract;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.TestMessageId;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreMessageFastViewProjectionTest implements MessageFastViewProjectionContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private final TestMessageId.Factory messageIds = new TestMessageId.Factory();
    private RecordingMetricFactory metricFactory;
    private MessageFastViewProjection projection;

    @BeforeEach
    void setUp() {
        metricFactory = new RecordingMetricFactory();
        projection = new SyncStoreMessageFastViewProjection(DATABASES.open(), metricFactory);
    }

    @Override
    public MessageFastViewProjection testee() {
        return projection;
    }

    @Override
    public MessageId newMessageId() {
        return messageIds.generate();
    }

    @Override
    public RecordingMetricFactory metricFactory() {
        return metricFactory;
    }
}
