package io.bastionmq.routing;

/**
 * A topic filter that breaks MQTT5 4.7 or 4.8.2. Thrown on client input, so it carries no stack
 * trace: a flood of bad SUBSCRIBEs must not cost a stack walk each.
 */
public final class InvalidTopicFilterException extends RuntimeException {
    private final String clause;

    public InvalidTopicFilterException(String clause, String message) {
        super(message + " [" + clause + "]", null, false, false);
        this.clause = clause;
    }

    /** The normative statement broken, e.g. {@code MQTT-4.7.1-2}. */
    public String clause() {
        return clause;
    }
}
