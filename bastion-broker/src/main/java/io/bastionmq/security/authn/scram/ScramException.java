package io.bastionmq.security.authn.scram;

/**
 * A SCRAM message the server cannot accept. {@link #error} is the RFC 5802 §7 {@code server-error}
 * value sent back as {@code e=<error>}; the message says precisely what was wrong, for the log and
 * the MQTT reason string. Never thrown for a wrong password: that is an outcome, not an error.
 */
public final class ScramException extends Exception {
    /** RFC 5802 §7 server-error values used here. */
    public static final String INVALID_ENCODING = "invalid-encoding";
    public static final String EXTENSIONS_NOT_SUPPORTED = "extensions-not-supported";
    public static final String CHANNEL_BINDINGS_DONT_MATCH = "channel-bindings-dont-match";
    public static final String CHANNEL_BINDING_NOT_SUPPORTED = "channel-binding-not-supported";
    public static final String INVALID_USERNAME_ENCODING = "invalid-username-encoding";
    public static final String OTHER_ERROR = "other-error";

    private final String error;

    public ScramException(String error, String message) {
        super(message, null, false, false); // an expected outcome of bad input: no stack trace
        this.error = error;
    }

    public String error() {
        return error;
    }

    /** The server-final-message that reports this error: {@code e=<error>}. */
    public String serverFinal() {
        return "e=" + error;
    }
}
