package io.bastionmq.codec.decode;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.DisconnectReason;

/**
 * The violations the decoders raise. 3.1.1 has no reason codes: there every error closes the
 * connection (MQTT-4.8.0-1), so where MQTT 5 says "Protocol Error" a 3.1.1 decoder reports
 * MALFORMED_PACKET, the one code that means "close" for both levels.
 */
final class Violations {
    private Violations() {}

    static ProtocolViolation malformed(String clause, String message) {
        return new ProtocolViolation(DisconnectReason.MALFORMED_PACKET, clause, message);
    }

    static ProtocolViolation protocolError(String clause, String message) {
        return new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, clause, message);
    }

    /** PROTOCOL_ERROR for MQTT 5, MALFORMED_PACKET for 3.1.1 (see the class comment). */
    static ProtocolViolation protocolError(MqttVersion version, String clause, String message) {
        return version.isV5() ? protocolError(clause, message) : malformed(clause, message);
    }

    /**
     * Re-issues a violation raised while decoding CONNECT with the CONNACK reason of the same
     * value, so that the connection can answer with a CONNACK (MQTT5 3.2.2.2). Shared readers
     * (strings, variable byte integers, properties) raise DISCONNECT reasons; every value they
     * use (0x81, 0x82, 0x90, 0x95) also exists in Table 3-1.
     */
    static ProtocolViolation asConnAck(ProtocolViolation v) {
        if (v.reason() instanceof ConnAckReason) {
            return v;
        }
        ConnAckReason same = ConnAckReason.fromValue(v.reason().value());
        return new ProtocolViolation(same != null ? same : ConnAckReason.PROTOCOL_ERROR, v.clause(), v.getMessage());
    }
}
