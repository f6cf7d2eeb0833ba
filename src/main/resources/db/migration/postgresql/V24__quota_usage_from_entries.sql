-- From this version on, the usage of a quota root changes in the same commit as the mailbox entries it counts
-- (io.syncstore.backend.mail.MailboxEntries). Until now James's quota listener changed it in a commit of its own,
-- after the message's: a crash between the two lost the change, and a decrease could be counted before its increase.
-- The usage starts again from the entries themselves; the root of a mailbox is named as James's
-- DefaultUserQuotaRootResolver names it (namespace '&' owner, or the namespace of a mailbox without an owner).
DELETE FROM quota_usage;
INSERT INTO quota_usage (quota_root, message_count, storage_bytes)
SELECT CASE WHEN b.owner = '' THEN b.namespace ELSE b.namespace || '&' || b.owner END, COUNT(*), SUM(m.size)
FROM mailbox_message e
JOIN message m ON m.id = e.message_id
JOIN mailbox b ON b.id = e.mailbox_id
GROUP BY 1;
