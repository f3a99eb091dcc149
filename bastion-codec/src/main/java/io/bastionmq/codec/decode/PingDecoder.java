package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.PacketType;
import io.bastionmq.codec.packet.PingReq;
import io.bastionmq.codec.packet.PingResp;
import io.bastionmq.codec.packet.Packet;
import io.netty.buffer.ByteBuf;

/** PINGREQ and PINGRESP (MQTT5 3.12, 3.13): a fixed header and nothing else, at both levels. */
final class PingDecoder {
    private PingDecoder() {}

    static Packet decode(PacketType type, ByteBuf in) {
        Fields.requireEnd(in, type.name()); // MQTT5 3.12.2, 3.13.2: no variable header, no payload
        return type == PacketType.PINGREQ ? PingReq.INSTANCE : PingResp.INSTANCE;
    }
}
