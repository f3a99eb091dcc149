package io.bastionmq.it.durability;

import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Byte-level building blocks the durability tests share; all bytes come from {@link Packets}. */
final class Wire {
    static final byte[] NO_PROPERTIES = new byte[0];
    /** Session Expiry Interval 300 s (MQTT5 3.1.2.11.2, property 0x11): the session outlives the connection. */
    static final byte[] SESSION_EXPIRY_300 = Packets.property(0x11, Packets.u32(300));

    private Wire() {}

    /** Connects a v5 client with a 300 s session and expects CONNACK 0x00 with the given Session Present. */
    static RawClient connectPersistent5(int port, String clientId, boolean cleanStart, boolean sessionPresent) {
        RawClient client = RawClient.connect("127.0.0.1", port);
        RawPacket connack = client.send(Packets.connect5(clientId, cleanStart, 60, SESSION_EXPIRY_300)).expectConnAck(0x00);
        if (connack.sessionPresent() != sessionPresent) {
            client.close();
            throw new AssertionError(clientId + ": expected Session Present " + sessionPresent + " in " + connack);
        }
        return client;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** PUBLISH with the DUP flag set: a re-delivery attempt (MQTT-3.3.1-1). */
    static byte[] withDup(byte[] publish) {
        byte[] copy = publish.clone();
        copy[0] |= 0x08;
        return copy;
    }

    /**
     * The next packet within {@code within}, or {@code null} if none arrives; used to prove that
     * nothing more (no duplicate) is coming. Fails if the server closes the connection.
     */
    static @Nullable RawPacket poll(RawClient client, Duration within) {
        client.withTimeout(within);
        try {
            return client.readPacket();
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().startsWith("no packet received within")) {
                return null;
            }
            throw e;
        } finally {
            client.withTimeout(RawClient.DEFAULT_TIMEOUT);
        }
    }
}
