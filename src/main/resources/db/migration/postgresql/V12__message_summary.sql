-- What FETCH needs of a message besides its sections (its MIME tree without bodies, and its preview), computed once
-- when the message is stored (io.syncstore.mime.MessageSummary). NULL for a message stored before this version, or
-- too large to summarise in memory: its summary is computed when it is first asked for and written back then.
ALTER TABLE message ADD COLUMN summary BYTEA;
