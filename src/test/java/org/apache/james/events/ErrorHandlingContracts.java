package org.apache.james.events;

/**
 * James declares {@link ErrorHandlingContract} package-private; this public view of it lets a bus tested in another
 * package run it.
 */
public interface ErrorHandlingContracts extends ErrorHandlingContract {
}
