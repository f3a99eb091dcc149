package io.bastionmq.codec.packet;

/**
 * An MQTT control packet as it was on the wire. One record per packet type serves both protocol
 * levels: MQTT 5 is the superset, and 3.1.1 packets carry {@link Properties#EMPTY} and success
 * reason codes where 3.1.1 has none.
 */
public sealed interface Packet
        permits Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe, SubAck,
                Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect, Auth {
    PacketType type();
}
