package io.syncstore.api;

/**
 * A mail store that can tell whether its database is out of reach: its last attempt to reach it failed for want of a
 * connection, and none has succeeded since. A protocol then answers a failed command {@code NO [UNAVAILABLE]}
 * (RFC 5530) instead of a generic failure: the client may try again later, the command itself was not at fault.
 */
public interface StoreReachability {
    boolean isOutOfReach();
}
