-- Leases on dequeued mails (docs/nodes.md): the node holding an item and until when. An item whose lease ran out
-- (its node died) is taken by another consumer. Items left in flight by an older version are free to take at once.
ALTER TABLE mail_queue_item ADD COLUMN lease_owner TEXT COLLATE "C", ADD COLUMN lease_until BIGINT;
UPDATE mail_queue_item SET lease_until = 0 WHERE in_flight;
