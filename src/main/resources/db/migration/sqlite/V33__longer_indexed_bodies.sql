-- SQLite's word index now takes up to 1 Mi characters of body text per message instead of 128 Ki
-- (SearchText.INDEXED_BODY_LIMIT; PostgreSQL, which stores and trigram-indexes the text, keeps 128 Ki and has no V33):
-- a message beyond the old limit was read whole at every BODY or TEXT key (six such messages in a mailbox of 100,000
-- cost 26 of the 28 ms of CPU a SEARCH BODY took, docs/benchmarks.md section 8, fourteenth session). Their rows are
-- marked of format 0, so that the rebuild after start-up indexes them again under the new limit; until it has, they
-- are read whole as before.
UPDATE message_search SET format = 0 WHERE body_beyond_index = 1;
