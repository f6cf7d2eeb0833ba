-- A header whose text or words go beyond what the index takes of a message (io.syncstore.backend.search.SearchText,
-- SearchIndexRows) is marked, as a long body is, and header and text keys scan that message. Messages indexed before
-- were indexed with every header word: 0 is true of them.
ALTER TABLE message_search ADD COLUMN headers_beyond_index INTEGER NOT NULL DEFAULT 0;
