package io.bastionmq.connection;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.session.ClientLink;
import io.bastionmq.store.QueuedMessage;
import io.netty.channel.Channel;

/**
 * A session's handle on a Netty channel. Writes from other threads are queued to the channel's
 * event loop by Netty, in call order, so a session's sends reach the wire in the order it made them.
 */
final class ChannelClientLink implements ClientLink {
    private final Channel channel;
    private final ConnectionState state;
    private final Disconnects disconnects;

    ChannelClientLink(Channel channel, ConnectionState state, Disconnects disconnects) {
        this.channel = channel;
        this.state = state;
        this.disconnects = disconnects;
    }

    @Override
    public MqttVersion version() {
        MqttVersion v = state.version;
        return v == null ? MqttVersion.V3_1_1 : v;
    }

    @Override
    public void deliver(QueuedMessage message, int packetId, boolean dup) {
        channel.writeAndFlush(new OutboundDelivery(message, packetId, dup), channel.voidPromise());
    }

    @Override
    public void send(Packet packet) {
        channel.writeAndFlush(packet, channel.voidPromise());
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public int receiveMaximum() {
        return state.clientReceiveMaximum;
    }

    @Override
    public void disconnect(DisconnectReason reason) {
        channel.eventLoop().execute(() -> disconnects.serverDisconnect(channel, state, reason, null));
    }
}
