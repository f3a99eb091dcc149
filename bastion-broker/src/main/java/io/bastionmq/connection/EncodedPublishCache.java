package io.bastionmq.connection;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.routing.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;

/**
 * PUBLISH packets encoded once and shared by the subscribers served by one event loop, so that a
 * message fanned out to N subscribers is encoded once per shape instead of N times.
 *
 * <p>Why per event loop: the router hands one message to every subscriber's session in turn, and
 * each subscriber's channel turns it into bytes on its own event loop, so an event loop sees the
 * deliveries of one message one after another. A few slots per loop catch them; the buffers are
 * touched by their loop alone (no locks, and reference counts change on one thread), and memory
 * is bounded by {@link #SLOTS} × {@link #MAX_CACHED_BYTES} per loop, whatever sessions queue.
 *
 * <p>A shape is what makes the bytes differ between subscribers of one message: protocol version,
 * delivered QoS and RETAIN, and for MQTT 5 the remaining Message Expiry Interval. Deliveries with
 * anything per connection in them (subscription identifiers, topic aliases, DUP) are not shared.
 * QoS 0 copies are the shared buffer itself ({@code retainedDuplicate}); QoS 1/2 copies carry the
 * subscriber's own packet identifier in place of the two id bytes (MQTT5 3.3.2.2).
 */
final class EncodedPublishCache {
    static final int SLOTS = 4;
    /** Larger packets are encoded per subscriber: a cached one stays until evicted. */
    static final int MAX_CACHED_BYTES = 64 * 1024;
    /** QoS 1/2 copies up to this size are copied whole; larger ones share the body and get a 2-byte id buffer. */
    static final int COPY_LIMIT = 1024;

    private static final FastThreadLocal<EncodedPublishCache> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected EncodedPublishCache initialValue() {
            return new EncodedPublishCache();
        }

        @Override
        protected void onRemoval(EncodedPublishCache cache) {
            cache.clear(); // the event loop is shutting down: give the buffers back
        }
    };

    private final @Nullable Encoded[] slots = new Encoded[SLOTS];
    private int nextSlot;

    /** The cache of the calling thread (a channel's event loop). */
    static EncodedPublishCache current() {
        return PER_THREAD.get();
    }

    @Nullable Encoded find(Message message, MqttVersion version, QoS qos, boolean retain, long expirySeconds) {
        for (Encoded e : slots) {
            if (e != null && e.message == message && e.version == version && e.qos == qos
                    && e.retain == retain && e.expirySeconds == expirySeconds) {
                return e;
            }
        }
        return null;
    }

    /** Keeps {@code encoded} (taking over its buffer), evicting the oldest slot. */
    Encoded put(Encoded encoded) {
        Encoded old = slots[nextSlot];
        if (old != null) {
            old.bytes.release();
        }
        slots[nextSlot] = encoded;
        nextSlot = (nextSlot + 1) % SLOTS;
        return encoded;
    }

    void clear() {
        for (int i = 0; i < SLOTS; i++) {
            Encoded e = slots[i];
            if (e != null) {
                e.bytes.release();
                slots[i] = null;
            }
        }
    }

    int size() {
        int n = 0;
        for (Encoded e : slots) {
            n += e == null ? 0 : 1;
        }
        return n;
    }

    /**
     * One message encoded in one shape. {@code packetIdOffset} is where the id goes, -1 at QoS 0.
     * The packet was encoded with a placeholder id; {@link #copyFor} writes the real one. Compared
     * by identity of the message ({@link #find}), not by the record's equality.
     */
    record Encoded(Message message, MqttVersion version, QoS qos, boolean retain, long expirySeconds,
                   ByteBuf bytes, int packetIdOffset) {
        int size() {
            return bytes.readableBytes();
        }

        /** The packet for one subscriber; the caller owns (writes, hence releases) the result. */
        ByteBuf copyFor(ByteBufAllocator alloc, int packetId) {
            if (qos == QoS.AT_MOST_ONCE) {
                return bytes.retainedDuplicate(); // identical bytes: share them
            }
            int size = size();
            int start = bytes.readerIndex();
            if (size <= COPY_LIMIT) {
                ByteBuf out = alloc.ioBuffer(size);
                out.writeBytes(bytes, start, size);
                out.setShort(packetIdOffset, packetId);
                return out;
            }
            ByteBuf id = alloc.ioBuffer(2).writeShort(packetId);
            int afterId = packetIdOffset + 2;
            // The composite takes over the three references and releases them with itself.
            return Unpooled.wrappedBuffer(bytes.retainedSlice(start, packetIdOffset), id,
                    bytes.retainedSlice(start + afterId, size - afterId));
        }
    }
}
