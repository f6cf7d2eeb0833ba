package io.syncstore.imap.fetch;

/** The {@code <origin.length>} of a FETCH section (RFC 3501 §6.4.5); the response names the origin only. */
final class Partial {
    final long origin;
    final Long length;

    Partial(long origin, Long length) {
        this.origin = origin;
        this.length = length;
    }

    String responseSuffix() {
        return "<" + origin + ">";
    }

    byte[] of(byte[] section) {
        int from = (int) Math.min(origin, section.length);
        int to = length == null ? section.length : (int) Math.min(section.length, from + length);
        byte[] slice = new byte[to - from];
        System.arraycopy(section, from, slice, 0, slice.length);
        return slice;
    }
}
