-- The messages written and not yet indexed (message_search.format = -1, SearchIndexRows.NOT_YET_INDEXED): the search
-- index's background indexing reads them from here every half second. Partial: a message is in it from its write to
-- its indexing, so it holds a few rows at any time, however large the store.
CREATE INDEX message_search_not_yet_indexed ON message_search (message_pk) WHERE format = -1;
