package io.bastionmq.connection;

import io.bastionmq.codec.encode.PacketEncoder;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.metrics.Metrics;
import io.bastionmq.routing.Message;
import io.bastionmq.session.Session;
import io.bastionmq.store.QueuedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Turns a session's {@link OutboundDelivery} into the PUBLISH this client gets, on the client's
 * event loop: the remaining Message Expiry Interval (MQTT-3.3.2-6), the subscription identifiers
 * (MQTT-3.3.4-3), an outbound topic alias when the client accepts them (MQTT5 3.3.2.3.4), and
 * the client's Maximum Packet Size (MQTT-3.1.2-25: a message that does not fit is not sent, and
 * is treated as delivered). Deliveries with nothing per connection in them are encoded once per
 * message on each event loop and shared ({@link EncodedPublishCache}).
 *
 * <p>A plain outbound handler rather than a {@code MessageToMessageEncoder}, because dropping a
 * message (expired, too large) must write nothing, which that encoder does not allow.
 */
final class OutboundPublishes extends ChannelOutboundHandlerAdapter {
    private final ConnectionState state;
    private final Metrics metrics;
    private final Clock clock;
    /** For the reader's ACL ({@link Authorization}). */
    private final ConnectionServices services;

    OutboundPublishes(ConnectionState state, Metrics metrics, Clock clock, ConnectionServices services) {
        this.state = state;
        this.metrics = metrics;
        this.clock = clock;
        this.services = services;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof OutboundDelivery d)) {
            ctx.write(msg, promise);
            return;
        }
        Object packet = render(ctx, d);
        if (packet == null) {
            promise.trySuccess();
        } else {
            ctx.write(packet, promise);
        }
    }

    /** A {@link Publish} for the encoder, the encoded bytes ({@link ByteBuf}), or null when nothing is sent. */
    private @Nullable Object render(ChannelHandlerContext ctx, OutboundDelivery d) {
        QueuedMessage qm = d.message();
        Message m = qm.message();
        long now = clock.millis();
        // MQTT5 3.3.2.3.3: an expired message whose onward delivery has not started is dropped.
        // A resend (DUP) has started already and goes out.
        if (!d.dup() && m.isExpired(now)) {
            metrics.messagesExpired.increment();
            undeliverable(d);
            return null;
        }
        // THREATS.md C6: the reader's right to the topic, checked on every delivery (a cached lookup).
        // A SUBSCRIBE is granted only when wholly allowed, but the rules may have changed since, and
        // a resumed session brings subscriptions granted under the rules of an earlier connection.
        if (!Authorization.acl(services, state).canRead(m.topic()).allowed()) {
            undeliverable(d);
            return null;
        }
        boolean v5 = state.isV5();
        if (!d.dup() && (!v5 || (qm.subscriptionIds().isEmpty() && state.clientTopicAliasMaximum == 0))) {
            return renderShared(ctx, d, now);
        }
        Properties props = v5 ? outboundProperties(qm, m, now) : Properties.EMPTY;
        String topic = m.topic();
        Integer newAlias = null;
        if (v5 && state.clientTopicAliasMaximum > 0) {
            Integer known = state.outboundAliases.aliasFor(topic);
            if (known != null) {
                props = props.toBuilder().set(Property.TOPIC_ALIAS, known).build();
                topic = "";
            } else if (state.outboundAliases.size() < state.clientTopicAliasMaximum) {
                newAlias = state.outboundAliases.size() + 1;
                props = props.toBuilder().set(Property.TOPIC_ALIAS, newAlias).build();
            }
        }
        Publish publish = new Publish(topic, qm.qos(), qm.retain(), d.dup() && qm.qos() != QoS.AT_MOST_ONCE,
                d.packetId(), m.payload(), props);
        if (PacketEncoder.encodedSize(publish, state.version) > state.clientMaximumPacketSize) {
            return oversize(d);
        }
        if (newAlias != null) {
            state.outboundAliases.set(newAlias, m.topic());
        }
        return sent(publish);
    }

    /**
     * The same PUBLISH as {@link #render} would build, taken from (or put in) the event loop's
     * {@link EncodedPublishCache}: for a delivery with nothing per connection in it (no DUP,
     * subscription identifier or topic alias), the bytes differ between subscribers only in the
     * packet identifier, so the message is encoded once per shape and shared.
     */
    private @Nullable Object renderShared(ChannelHandlerContext ctx, OutboundDelivery d, long now) {
        QueuedMessage qm = d.message();
        Message m = qm.message();
        MqttVersion version = state.version == null ? MqttVersion.V3_1_1 : state.version;
        boolean v5 = version.isV5();
        // MQTT-3.3.2-6: the expiry sent on is what is left of it, so it is part of the shape.
        long expirySeconds = v5 && m.expiresAtMillis() != Message.NO_EXPIRY ? Math.max(1L, m.remainingExpirySeconds(now)) : 0;
        EncodedPublishCache cache = EncodedPublishCache.current();
        EncodedPublishCache.Encoded encoded = cache.find(m, version, qm.qos(), qm.retain(), expirySeconds);
        if (encoded == null) {
            Properties props = v5 ? outboundProperties(qm, m, now) : Properties.EMPTY;
            boolean hasId = qm.qos() != QoS.AT_MOST_ONCE;
            Publish publish = new Publish(m.topic(), qm.qos(), qm.retain(), false, d.packetId(), m.payload(), props);
            int size = PacketEncoder.encodedSize(publish, version);
            if (size > state.clientMaximumPacketSize) {
                return oversize(d);
            }
            if (size > EncodedPublishCache.MAX_CACHED_BYTES) {
                return sent(publish);
            }
            ByteBuf bytes = ctx.alloc().directBuffer(size);
            int idOffset;
            try {
                PacketEncoder.encode(publish, version, bytes);
                idOffset = hasId ? PacketEncoder.publishPacketIdOffset(publish, version) : -1;
            } catch (RuntimeException e) {
                bytes.release(); // encodedSize validated the packet already; never leak on a surprise
                throw e;
            }
            encoded = cache.put(new EncodedPublishCache.Encoded(m, version, qm.qos(), qm.retain(), expirySeconds, bytes, idOffset));
        } else if (encoded.size() > state.clientMaximumPacketSize) {
            return oversize(d);
        }
        return sent(encoded.copyFor(ctx.alloc(), d.packetId()), qm.qos());
    }

    private @Nullable Object oversize(OutboundDelivery d) {
        metrics.oversizeDropped.increment();
        undeliverable(d);
        return null;
    }

    private Object sent(Publish publish) {
        return sent(publish, publish.qos());
    }

    private Object sent(Object packet, QoS qos) {
        if (qos == QoS.AT_MOST_ONCE) {
            metrics.messagesSent.increment();
        }
        return packet;
    }

    private Properties outboundProperties(QueuedMessage qm, Message m, long now) {
        boolean hasExpiry = m.expiresAtMillis() != Message.NO_EXPIRY;
        if (!hasExpiry && qm.subscriptionIds().isEmpty()) {
            return m.properties();
        }
        Properties.Builder b = m.properties().toBuilder();
        if (hasExpiry) {
            b.set(Property.MESSAGE_EXPIRY_INTERVAL, Math.max(1L, m.remainingExpirySeconds(now)));
        }
        for (int id : qm.subscriptionIds()) {
            b.addSubscriptionIdentifier(id);
        }
        return b.build();
    }

    private void undeliverable(OutboundDelivery d) {
        Session session = state.session;
        if (d.packetId() != 0 && session != null) {
            session.onUndeliverable(d.packetId());
        }
    }
}
