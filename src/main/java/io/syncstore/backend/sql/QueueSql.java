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
    /**
     * Takes the first item due, by priority then enqueue order, and marks it in flight. {@code rowLocking} is the
     * dialect's {@link io.syncstore.backend.db.SqlDialect#skipLockedRows}: where consumers run concurrently, each
     * passes over the item another one is taking, and the outer condition keeps an item from being taken twice.
     */
    public static String claimNext(String rowLocking) {
        return "UPDATE mail_queue_item SET in_flight = TRUE WHERE id = ("
            + "SELECT id FROM mail_queue_item WHERE queue_name = ? AND NOT in_flight AND next_delivery <= ? "
            + "ORDER BY priority DESC, id LIMIT 1" + rowLocking + ") AND NOT in_flight "
            + "RETURNING id, mail_id, next_delivery";
    }
    public static final String DELETE_ITEM =
        "DELETE FROM mail_queue_item WHERE id = ? RETURNING mail_id";
    /** Deletes the item but not its mail, which a requeued copy of the item refers to. */
    public static final String DELETE_ITEM_ONLY =
        "DELETE FROM mail_queue_item WHERE id = ?";
    /** Puts a copy of the item at the end of the queue; the caller then deletes the item. */
    public static final String REQUEUE_AT_END =
        "INSERT INTO mail_queue_item (queue_name, mail_id, priority, next_delivery) "
            + "SELECT queue_name, mail_id, priority, ? FROM mail_queue_item WHERE id = ?";
    public static final String RELEASE_ITEM =
        "UPDATE mail_queue_item SET in_flight = FALSE WHERE id = ?";
    public static final String RELEASE_ALL =
        "UPDATE mail_queue_item SET in_flight = FALSE WHERE queue_name = ? AND in_flight";

    public static final String SIZE =
        "SELECT count(*) FROM mail_queue_item WHERE queue_name = ?";
    public static final String EARLIEST_WAITING_DELIVERY =
        "SELECT MIN(next_delivery) AS earliest FROM mail_queue_item WHERE queue_name = ? AND NOT in_flight";
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
