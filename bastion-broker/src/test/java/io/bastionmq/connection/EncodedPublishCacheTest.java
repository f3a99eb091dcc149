package io.bastionmq.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.encode.PacketEncoder;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.routing.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-event-loop cache of encoded PUBLISHes: every copy it hands out must be byte for byte what
 * encoding the subscriber's own PUBLISH would give, and every buffer it takes must be released.
 */
class EncodedPublishCacheTest {
    /** Unpooled: a released pooled buffer object is recycled by the next allocation, so its refCnt would lie. */
    private final ByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
    private final EncodedPublishCache cache = new EncodedPublishCache();
    private final List<ByteBuf> taken = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        cache.clear();
        for (ByteBuf b : taken) {
            if (b.refCnt() > 0) {
                b.release();
            }
        }
    }

    @Test
    void qos1CopiesCarryEachSubscribersPacketId_MQTT5_3_3_2_2() {
        Message m = message(64);
        EncodedPublishCache.Encoded e = encode(m, MqttVersion.V3_1_1, QoS.AT_LEAST_ONCE, 1);
        for (int id : new int[] {7, 0x1234, 0xFFFF}) {
            ByteBuf copy = own(e.copyFor(alloc, id));
            assertThat(ByteBufUtil.getBytes(copy)).isEqualTo(expected(m, MqttVersion.V3_1_1, QoS.AT_LEAST_ONCE, id));
        }
    }

    @Test
    void largeQos2CopiesShareTheBodyAndStillCarryTheirOwnId() {
        Message m = message(EncodedPublishCache.COPY_LIMIT * 4);
        EncodedPublishCache.Encoded e = encode(m, MqttVersion.V5, QoS.EXACTLY_ONCE, 1);
        // two retained slices of the cache's buffer per copy, given back when the copies are written
        assertCopiesShareTheBuffer(e, m, new int[] {41, 42}, 5);
    }

    @Test
    void qos0CopiesAreTheSharedBytes() {
        Message m = message(64);
        EncodedPublishCache.Encoded e = encode(m, MqttVersion.V5, QoS.AT_MOST_ONCE, 0);
        assertCopiesShareTheBuffer(e, m, new int[] {0}, 2);
    }

    private void assertCopiesShareTheBuffer(EncodedPublishCache.Encoded e, Message m, int[] ids, int sharedRefCnt) {
        List<ByteBuf> copies = new ArrayList<>();
        for (int id : ids) {
            ByteBuf copy = e.copyFor(alloc, id);
            assertThat(ByteBufUtil.getBytes(copy)).isEqualTo(expected(m, e.version(), e.qos(), id));
            copies.add(copy);
        }
        assertThat(e.bytes().refCnt()).as("shared, not copied").isEqualTo(sharedRefCnt);
        for (ByteBuf copy : copies) {
            copy.skipBytes(copy.readableBytes()); // a socket write moves the copy's indices only
            assertThat(e.bytes().readableBytes()).isEqualTo(e.size());
            copy.release();
        }
        assertThat(e.bytes().refCnt()).isEqualTo(1);
    }

    @Test
    void findsOnlyTheSameMessageInTheSameShape() {
        Message m = message(10);
        EncodedPublishCache.Encoded e = encode(m, MqttVersion.V3_1_1, QoS.AT_LEAST_ONCE, 1);
        assertThat(cache.find(m, MqttVersion.V3_1_1, QoS.AT_LEAST_ONCE, false, 0)).isSameAs(e);
        assertThat(cache.find(m, MqttVersion.V5, QoS.AT_LEAST_ONCE, false, 0)).isNull();
        assertThat(cache.find(m, MqttVersion.V3_1_1, QoS.AT_MOST_ONCE, false, 0)).isNull();
        assertThat(cache.find(m, MqttVersion.V3_1_1, QoS.AT_LEAST_ONCE, true, 0)).isNull();
        assertThat(cache.find(m, MqttVersion.V3_1_1, QoS.AT_LEAST_ONCE, false, 60)).isNull();
        // an equal message routed separately is another message: identity, not equality
        Message twin = new Message(m.topic(), m.payload(), m.qos(), m.retain(), m.properties(), m.expiresAtMillis(), m.originClientId());
        assertThat(cache.find(twin, MqttVersion.V3_1_1, QoS.AT_LEAST_ONCE, false, 0)).isNull();
    }

    @Test
    void evictionAndClearReleaseTheCachedBuffers() {
        List<EncodedPublishCache.Encoded> all = new ArrayList<>();
        for (int i = 0; i < EncodedPublishCache.SLOTS + 2; i++) {
            all.add(encode(message(16), MqttVersion.V3_1_1, QoS.AT_MOST_ONCE, 0));
        }
        assertThat(cache.size()).isEqualTo(EncodedPublishCache.SLOTS);
        assertThat(all.get(0).bytes().refCnt()).as("oldest evicted").isZero();
        assertThat(all.get(1).bytes().refCnt()).isZero();
        assertThat(all.get(2).bytes().refCnt()).isEqualTo(1);
        cache.clear();
        assertThat(all).allSatisfy(e -> assertThat(e.bytes().refCnt()).isZero());
        assertThat(cache.size()).isZero();
    }

    private EncodedPublishCache.Encoded encode(Message m, MqttVersion v, QoS qos, int placeholderId) {
        Publish p = publish(m, qos, placeholderId);
        ByteBuf bytes = alloc.directBuffer(PacketEncoder.encodedSize(p, v));
        PacketEncoder.encode(p, v, bytes);
        int offset = qos == QoS.AT_MOST_ONCE ? -1 : PacketEncoder.publishPacketIdOffset(p, v);
        return cache.put(new EncodedPublishCache.Encoded(m, v, qos, false, 0, bytes, offset));
    }

    private static byte[] expected(Message m, MqttVersion v, QoS qos, int packetId) {
        ByteBuf out = io.netty.buffer.Unpooled.buffer();
        try {
            PacketEncoder.encode(publish(m, qos, packetId), v, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static Publish publish(Message m, QoS qos, int packetId) {
        return new Publish(m.topic(), qos, false, false, packetId, m.payload(), m.properties());
    }

    private static Message message(int payloadSize) {
        byte[] payload = new byte[payloadSize];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return new Message("plant/7/line/3", Payload.wrap(payload), QoS.EXACTLY_ONCE, false, Properties.EMPTY,
                Message.NO_EXPIRY, "pub");
    }

    private ByteBuf own(ByteBuf b) {
        taken.add(b);
        return b;
    }
}
