-- What SORT and THREAD compare of a message (io.syncstore.mime.SortingHeaders), computed once from its header when
-- it is stored: the Date: header's instant (NULL without a valid one), the base subject and whether a reply or
-- forward marker was removed from it, the Message-ID, the referenced IDs (space-separated, oldest first), and the
-- first From/To/Cc address's local part and display name. sort_subject is NULL for a message stored before this
-- version: those are filled at start-up from the header each keeps (io.syncstore.backend.search.SortingColumns).
ALTER TABLE message ADD COLUMN sort_sent BIGINT;
ALTER TABLE message ADD COLUMN sort_subject TEXT;
ALTER TABLE message ADD COLUMN sort_reply INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN sort_message_id TEXT;
ALTER TABLE message ADD COLUMN sort_references TEXT;
ALTER TABLE message ADD COLUMN sort_from TEXT;
ALTER TABLE message ADD COLUMN sort_to TEXT;
ALTER TABLE message ADD COLUMN sort_cc TEXT;
ALTER TABLE message ADD COLUMN sort_display_from TEXT;
ALTER TABLE message ADD COLUMN sort_display_to TEXT;
-- The messages still to fill, found without reading the table.
CREATE INDEX message_without_sorting_fields ON message (id) WHERE sort_subject IS NULL;
