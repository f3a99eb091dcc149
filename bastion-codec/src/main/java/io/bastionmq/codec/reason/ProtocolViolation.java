package io.bastionmq.codec.reason;

/**
 * A packet (or a sequence of packets) breaks a rule of the specification. Carries the reason code
 * the server sends (for CONNECT errors a {@code ConnAckReason}, otherwise a {@code DisconnectReason},
 * e.g. 0x81 malformed packet, 0x82 protocol error, 0x95 packet too large), the normative statement
 * broken ("MQTT-3.3.2-8", "MQTT5 3.3.2.3.4"), and a message for the log. It has no stack trace:
 * a flood of garbage must cost nothing to reject.
 */
public final class ProtocolViolation extends RuntimeException {
    private final ReasonCode reason;
    private final String clause;

    public ProtocolViolation(ReasonCode reason, String clause, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.clause = clause;
    }

    public ReasonCode reason() {
        return reason;
    }

    /** The normative statement or section that was broken. */
    public String clause() {
        return clause;
    }

    @Override
    public String toString() {
        return "ProtocolViolation[" + reason + " " + clause + ": " + getMessage() + "]";
    }
}
