package io.syncstore.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Summaries as an older format wrote them, made from this format's. */
public final class FormerSummaries {
    private FormerSummaries() {
    }

    /** Format 2: this format without its written items. */
    public static byte[] beforeItems(byte[] summary) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(summary, 1, summary.length - 1))) {
            FetchItemBytes.skip(in);
            ByteArrayOutputStream former = new ByteArrayOutputStream();
            former.write(2);
            in.transferTo(former);
            return former.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
