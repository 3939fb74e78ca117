package dev.rewire.sink;

/**
 * A sink could not start, or stopped because a write kept failing. Thrown by
 * {@link BatchingSink#start()} and {@link BatchingSink#awaitPosition} so that a caller waiting for data
 * learns why it will never arrive instead of timing out.
 */
public class SinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SinkException(String message) {
        super(message);
    }

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
