package io.syncstore.mime;

import java.io.ByteArrayOutputStream;

/** Summaries as an older format wrote them, made from this format's. */
public final class FormerSummaries {
    private FormerSummaries() {
    }

    /** Format 2: this format without its written items. */
    public static byte[] beforeItems(byte[] summary) {
        int position = 1;
        for (int slot = 0; slot < FetchItemBytes.Item.values().length * FetchItemBytes.Mode.values().length; slot++) {
            int length = (summary[position] & 0xFF) << 24 | (summary[position + 1] & 0xFF) << 16
                | (summary[position + 2] & 0xFF) << 8 | summary[position + 3] & 0xFF;
            position += 4 + length;
        }
        ByteArrayOutputStream former = new ByteArrayOutputStream();
        former.write(2);
        former.write(summary, position, summary.length - position);
        return former.toByteArray();
    }
}
