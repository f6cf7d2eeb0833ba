package io.syncstore.backend.jmap;

import org.apache.james.eventsourcing.eventstore.cassandra.JsonEventSerializer;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.TestEventDTOModules;
import org.apache.james.jmap.cassandra.filtering.FilteringRuleSetDefineDTOModules;

/** Event serialisers for the event store tests: James's test events and the JMAP filtering events. */
final class EventSerializers {
    static JsonEventSerializer forTestEvents() {
        return JsonEventSerializer.forModules(TestEventDTOModules.TEST_TYPE(), TestEventDTOModules.OTHER_TEST_TYPE())
            .withoutNestedType();
    }

    static JsonEventSerializer forFilteringEvents() {
        return JsonEventSerializer.forModules(FilteringRuleSetDefineDTOModules.FILTERING_RULE_SET_DEFINED,
                FilteringRuleSetDefineDTOModules.FILTERING_INCREMENT)
            .withoutNestedType();
    }

    private EventSerializers() {
    }
}
