package io.syncstore.backend.sql;

/** Statements of the mail queues (tables {@code mail_queue}, {@code mail_queue_item} alias {@code i}). */
public final class QueueSql {
    public static final String CREATE_QUEUE =
        "INSERT INTO mail_queue (name) VALUES (?) ON CONFLICT (name) DO NOTHING";
    public static final String COUNT_QUEUE =
        "SELECT count(*) FROM mail_queue WHERE name = ?";
    public static final String LIST_QUEUES =
        "SELECT name FROM mail_queue ORDER BY name";

    public static final String ENQUEUE =
        "INSERT INTO mail_queue_item (queue_name, mail_id, priority, next_delivery) VALUES (?, ?, ?, ?)";
    private static final String CLAIMABLE = "(NOT in_flight OR lease_until < ?)";
    /**
     * Takes the first item due, by priority then enqueue order, either waiting or in flight with a lease that ran out
     * (its node died), and leases it to the caller: in flight, held by a node, until a time. {@code rowLocking} is
     * the dialect's {@link io.syncstore.backend.db.SqlDialect#skipLockedRows}: where consumers run concurrently, each
     * passes over the item another one is taking, and the outer condition keeps an item from being taken twice.
     * Parameters: owner, lease end, queue name, then the time now three times.
     */
    public static String claimNext(String rowLocking) {
        return "UPDATE mail_queue_item SET in_flight = TRUE, lease_owner = ?, lease_until = ? WHERE id = ("
            + "SELECT id FROM mail_queue_item WHERE queue_name = ? AND next_delivery <= ? AND " + CLAIMABLE
            + " ORDER BY priority DESC, id LIMIT 1" + rowLocking + ") AND " + CLAIMABLE
            + " RETURNING id, mail_id, next_delivery";
    }
    /** Extends the leases of every item a node holds, in all queues: parameters lease end, owner. */
    public static final String RENEW_LEASES =
        "UPDATE mail_queue_item SET lease_until = ? WHERE lease_owner = ? AND in_flight";
    public static final String DELETE_ITEM =
        "DELETE FROM mail_queue_item WHERE id = ? RETURNING mail_id";
    /** Deletes the item but not its mail, which a requeued copy of the item refers to. */
    public static final String DELETE_ITEM_ONLY =
        "DELETE FROM mail_queue_item WHERE id = ?";
    /** Puts a copy of the item at the end of the queue; the caller then deletes the item. */
    public static final String REQUEUE_AT_END =
        "INSERT INTO mail_queue_item (queue_name, mail_id, priority, next_delivery) "
            + "SELECT queue_name, mail_id, priority, ? FROM mail_queue_item WHERE id = ?";
    /** Gives back an item the node still holds (not one another node took over meanwhile): parameters id, owner. */
    public static final String RELEASE_ITEM =
        "UPDATE mail_queue_item SET in_flight = FALSE, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?";
    public static final String RELEASE_ALL =
        "UPDATE mail_queue_item SET in_flight = FALSE, lease_owner = NULL, lease_until = NULL WHERE queue_name = ? AND in_flight";

    public static final String SIZE =
        "SELECT count(*) FROM mail_queue_item WHERE queue_name = ?";
    /** When the next item becomes claimable: a waiting one falls due or a lease runs out. */
    public static final String EARLIEST_CLAIMABLE =
        "SELECT MIN(CASE WHEN in_flight THEN lease_until ELSE next_delivery END) AS earliest FROM mail_queue_item WHERE queue_name = ?";
    public static final String FLUSH =
        "UPDATE mail_queue_item SET next_delivery = ? WHERE queue_name = ? AND NOT in_flight AND next_delivery > ?";
    public static final String BROWSE =
        "SELECT i.next_delivery, " + SpooledMailSql.MAIL_COLUMNS
            + " FROM mail_queue_item i JOIN spooled_mail m ON m.id = i.mail_id WHERE i.queue_name = ? ORDER BY i.id";

    public static final String DELETE_ALL =
        "DELETE FROM mail_queue_item WHERE queue_name = ? RETURNING mail_id";
    public static final String DELETE_BY_NAME =
        "DELETE FROM mail_queue_item WHERE queue_name = ? "
            + "AND mail_id IN (SELECT id FROM spooled_mail WHERE name = ?) RETURNING mail_id";
    public static final String DELETE_BY_SENDER =
        "DELETE FROM mail_queue_item WHERE queue_name = ? "
            + "AND mail_id IN (SELECT id FROM spooled_mail WHERE sender = ?) RETURNING mail_id";
    public static final String ITEMS_WITH_RECIPIENTS =
        "SELECT i.id, m.recipients FROM mail_queue_item i JOIN spooled_mail m ON m.id = i.mail_id WHERE i.queue_name = ?";

    private QueueSql() {
    }
}
