package dev.rewire.config;

/**
 * A configuration value is missing or malformed. The message names the key, the value and what was
 * expected, so it can be shown to the user as it is.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
