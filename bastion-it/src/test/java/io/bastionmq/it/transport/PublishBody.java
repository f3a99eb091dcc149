package io.bastionmq.it.transport;

import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the payload of a PUBLISH that {@link io.bastionmq.testkit.RawClient} received, straight
 * from the layout of MQTT 3.3.2/3.3.3, so that the tests do not lean on our own codec:
 *
 * <pre>
 *   topic (u16 length + bytes) | packet id (u16, QoS &gt; 0 only) | [v5: property length (VBI) + properties] | payload
 * </pre>
 */
public final class PublishBody {
    private PublishBody() {}

    public static byte[] payload(RawPacket publish, boolean v5) {
        if (publish.type() != PacketType.PUBLISH) {
            throw new AssertionError("not a PUBLISH: " + publish);
        }
        byte[] body = publish.body();
        int at = 2 + ((body[0] & 0xff) << 8 | body[1] & 0xff);
        if (publish.qos() > 0) {
            at += 2;
        }
        if (v5) {
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                int digit = body[at++] & 0xff;
                length |= (digit & 0x7f) << shift;
                if ((digit & 0x80) == 0) {
                    break;
                }
            }
            at += length;
        }
        return Arrays.copyOfRange(body, at, body.length);
    }

    /**
     * The packet identifier of a QoS 1/2 PUBLISH: it follows the topic name (3.3.2.2), so
     * {@link RawPacket#packetId()}, which reads the first two body bytes, gives the topic length.
     */
    public static int packetId(RawPacket publish) {
        if (publish.type() != PacketType.PUBLISH || publish.qos() == 0) {
            throw new AssertionError("not a QoS 1/2 PUBLISH: " + publish);
        }
        byte[] body = publish.body();
        int at = 2 + ((body[0] & 0xff) << 8 | body[1] & 0xff);
        return (body[at] & 0xff) << 8 | body[at + 1] & 0xff;
    }

    public static String payloadText(RawPacket publish, boolean v5) {
        return new String(payload(publish, v5), StandardCharsets.UTF_8);
    }
}
