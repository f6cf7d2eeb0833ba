-- Server data of James outside mailboxes: users, domains, recipient rewrites, delegation and sieve scripts.

-- Users by their normalised name; the hash algorithm is stored per user so that changing the configured
-- algorithm keeps existing passwords verifiable until they are next set.
CREATE TABLE james_user (
    name           TEXT NOT NULL PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    hash_algorithm TEXT NOT NULL
);

CREATE TABLE mail_domain (
    name TEXT NOT NULL PRIMARY KEY
);

-- Recipient rewrite table. source is a user address, '*@domain' for a whole domain, or '*'; mapping is the
-- serialised James mapping (alias, forward, group, regex, error, domain...). id keeps the insertion order.
CREATE TABLE rrt_mapping (
    id      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    source  TEXT    NOT NULL,
    mapping TEXT    NOT NULL,
    UNIQUE (source, mapping)
);
CREATE INDEX rrt_mapping_by_mapping ON rrt_mapping (mapping);

-- authorized_user may act as base_user.
CREATE TABLE delegation (
    base_user       TEXT NOT NULL,
    authorized_user TEXT NOT NULL,
    PRIMARY KEY (base_user, authorized_user)
);
CREATE INDEX delegation_by_authorized_user ON delegation (authorized_user);

-- At most one active script per owner; activated_at is in epoch milliseconds.
CREATE TABLE sieve_script (
    owner        TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    content      TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    active       BOOLEAN NOT NULL DEFAULT FALSE,
    activated_at INTEGER,
    PRIMARY KEY (owner, name)
);

-- Sieve quotas in bytes, NULL for unlimited; the row whose owner is '' is the default of users without their own.
CREATE TABLE sieve_quota (
    owner    TEXT    NOT NULL PRIMARY KEY,
    max_size INTEGER
);
