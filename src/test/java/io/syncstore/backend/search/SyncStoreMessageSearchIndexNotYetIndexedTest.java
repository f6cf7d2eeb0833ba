package io.syncstore.backend.search;

/**
 * James's search suite over SyncStore, searching its messages as soon as they are written: before the background
 * indexing takes them, SEARCH reads them whole, and must answer as the index does.
 */
class SyncStoreMessageSearchIndexNotYetIndexedTest extends SyncStoreMessageSearchIndexTest {
    @Override
    protected boolean searchesIndexedMessages() {
        return false;
    }
}
