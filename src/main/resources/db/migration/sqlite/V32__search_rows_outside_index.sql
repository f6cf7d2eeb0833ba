-- The messages a SEARCH on text reads whole (docs/search.md, "Tables, format version, rebuild"): index rows of an older
-- format, or whose header or body went beyond what is indexed. Once every message has its row, a search finds them
-- here instead of checking every entry of the searched mailboxes for its row (40 ms per SEARCH in a mailbox of
-- 100,000, docs/benchmarks.md section 8). Partial: the rows of the current format within the index, nearly all, are
-- not in it, so an APPEND writes nothing to it. The format is SearchText.FORMAT; a new format comes with a migration
-- that makes this index again with its number.
CREATE INDEX message_search_outside ON message_search (message_pk)
    WHERE format < 2 OR body_beyond_index = 1 OR headers_beyond_index = 1;
