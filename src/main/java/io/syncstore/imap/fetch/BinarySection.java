package io.syncstore.imap.fetch;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One {@code BINARY[part]<partial>}, {@code BINARY.PEEK[...]} or {@code BINARY.SIZE[part]} of a FETCH (RFC 3516).
 * An empty path is the whole message.
 */
final class BinarySection {
    final int[] path;
    final boolean sizeOnly;
    final Optional<Partial> partial;

    BinarySection(int[] path, boolean sizeOnly, Optional<Partial> partial) {
        this.path = path;
        this.sizeOnly = sizeOnly;
        this.partial = partial;
    }

    String responseName() {
        String part = Arrays.stream(path).mapToObj(Integer::toString).collect(Collectors.joining("."));
        return (sizeOnly ? "BINARY.SIZE[" : "BINARY[") + part + "]" + partial.map(Partial::responseSuffix).orElse("");
    }
}
