-- SEARCH FLAGGED from an index of the flagged entries, as UNSEEN, RECENT and DELETED have had theirs since V3: without
-- it the search read every entry of the mailbox (on 10,000 messages SQLite's part of SEARCH FLAGGED fell from 1.2 to
-- 0.23 ms: docs/benchmarks.md section 8, thirteenth session). Partial, so that storing a message without \Flagged (an
-- APPEND, a delivery) writes no page of it.
CREATE INDEX mailbox_message_flagged ON mailbox_message (mailbox_id, uid) WHERE flagged = 1;
