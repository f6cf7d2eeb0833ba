package io.syncstore.config;

/**
 * A configuration value that prevents start-up. The message always names the file and the key so that an
 * administrator can fix it without reading a stack trace.
 */
public class ConfigurationError extends RuntimeException {
    public ConfigurationError(String file, String key, String problem) {
        super(file + ": " + key + ": " + problem);
    }

    public ConfigurationError(String file, String key, String problem, Throwable cause) {
        super(file + ": " + key + ": " + problem, cause);
    }
}
