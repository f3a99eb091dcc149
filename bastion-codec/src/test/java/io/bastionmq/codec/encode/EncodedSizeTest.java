package io.bastionmq.codec.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.codec.packet.Auth;
import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.Disconnect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.PingReq;
import io.bastionmq.codec.packet.PingResp;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.PubComp;
import io.bastionmq.codec.packet.PubRec;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.RetainHandling;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.packet.UnsubAck;
import io.bastionmq.codec.packet.Unsubscribe;
import io.bastionmq.codec.packet.Will;
import io.bastionmq.codec.reason.AuthReason;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.reason.PubAckReason;
import io.bastionmq.codec.reason.PubCompReason;
import io.bastionmq.codec.reason.PubRecReason;
import io.bastionmq.codec.reason.PubRelReason;
import io.bastionmq.codec.reason.SubAckReason;
import io.bastionmq.codec.reason.UnsubAckReason;
import io.bastionmq.codec.wire.Property;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * encodedSize is what the broker holds against the client's Maximum Packet Size (MQTT5 3.1.2.11.4)
 * before writing: for every packet type it must equal the bytes encode writes. The packets carry
 * properties and multi-byte text so that every length computation is exercised.
 */
class EncodedSizeTest {
    private static final Properties REASON = Properties.builder()
            .set(Property.REASON_STRING, "grund ü")
            .addUserProperty("k", "v€")
            .build();

    static Stream<Arguments> packets() {
        Properties publishProps = Properties.builder()
                .set(Property.MESSAGE_EXPIRY_INTERVAL, 30L)
                .set(Property.CORRELATION_DATA, Payload.utf8("c"))
                .addSubscriptionIdentifier(300)
                .addSubscriptionIdentifier(2)
                .build();
        Will will = new Will("will/ö", Payload.utf8("gone"), QoS.AT_LEAST_ONCE, true,
                Properties.builder().set(Property.WILL_DELAY_INTERVAL, 9L).build());
        Properties connectProps = Properties.builder().set(Property.RECEIVE_MAXIMUM, 5).build();
        Properties connAckProps = Properties.builder().set(Property.ASSIGNED_CLIENT_IDENTIFIER, "auto-1").build();
        Properties subscribeProps = Properties.builder().addSubscriptionIdentifier(7).build();
        Properties authProps = Properties.builder().set(Property.AUTHENTICATION_METHOD, "SCRAM-SHA-256").build();
        Subscription full = new Subscription("s/+/ä", QoS.EXACTLY_ONCE, true, true, RetainHandling.SEND_IF_NEW_SUBSCRIPTION);

        Stream.Builder<Arguments> cases = Stream.builder();
        for (MqttVersion v : List.of(MqttVersion.V3_1_1, MqttVersion.V5)) {
            cases.add(Arguments.of("CONNECT " + v, new Connect(v, "client-ß", true, 30, "user", Payload.utf8("pw"), will, connectProps), v));
            cases.add(Arguments.of("CONNACK " + v, new ConnAck(true, ConnAckReason.SUCCESS, connAckProps), v));
            cases.add(Arguments.of("PUBLISH QoS 0 " + v, new Publish("a/ü", QoS.AT_MOST_ONCE, true, false, 0, Payload.utf8("x"), publishProps), v));
            cases.add(Arguments.of("PUBLISH QoS 2 " + v, new Publish("a/ü", QoS.EXACTLY_ONCE, false, true, 9, Payload.wrap(new byte[300]), publishProps), v));
            cases.add(Arguments.of("PUBACK " + v, new PubAck(3, PubAckReason.QUOTA_EXCEEDED, REASON), v));
            cases.add(Arguments.of("PUBACK error, no properties " + v, new PubAck(3, PubAckReason.QUOTA_EXCEEDED, Properties.EMPTY), v));
            cases.add(Arguments.of("PUBREC " + v, new PubRec(3, PubRecReason.SUCCESS, REASON), v));
            cases.add(Arguments.of("PUBREL " + v, new PubRel(3, PubRelReason.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY), v));
            cases.add(Arguments.of("PUBCOMP " + v, new PubComp(3, PubCompReason.SUCCESS, Properties.EMPTY), v));
            cases.add(Arguments.of("SUBSCRIBE " + v, new Subscribe(4, List.of(full, Subscription.of("x", QoS.AT_MOST_ONCE)), subscribeProps), v));
            cases.add(Arguments.of("SUBACK " + v, new SubAck(4, List.of(SubAckReason.GRANTED_QOS_2, SubAckReason.QUOTA_EXCEEDED), REASON), v));
            cases.add(Arguments.of("UNSUBSCRIBE " + v, new Unsubscribe(5, List.of("s/+/ä", "x"), Properties.builder().addUserProperty("k", "v€").build()), v));
            cases.add(Arguments.of("UNSUBACK " + v, new UnsubAck(5, List.of(UnsubAckReason.SUCCESS, UnsubAckReason.NOT_AUTHORIZED), REASON), v));
            cases.add(Arguments.of("PINGREQ " + v, PingReq.INSTANCE, v));
            cases.add(Arguments.of("PINGRESP " + v, PingResp.INSTANCE, v));
            cases.add(Arguments.of("DISCONNECT " + v, new Disconnect(DisconnectReason.SERVER_SHUTTING_DOWN, REASON), v));
            cases.add(Arguments.of("DISCONNECT reason only " + v, new Disconnect(DisconnectReason.KEEP_ALIVE_TIMEOUT, Properties.EMPTY), v));
        }
        cases.add(Arguments.of("CONNECT V3_1", new Connect(MqttVersion.V3_1, "c", false, 0, "u", Payload.utf8("p"), null, Properties.EMPTY), MqttVersion.V3_1));
        cases.add(Arguments.of("AUTH V5", new Auth(AuthReason.CONTINUE_AUTHENTICATION, authProps), MqttVersion.V5));
        cases.add(Arguments.of("AUTH success V5", new Auth(AuthReason.SUCCESS, Properties.EMPTY), MqttVersion.V5));
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void encodedSizeEqualsBytesWritten(String name, Packet packet, MqttVersion version) {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0x55); // encode appends at the writer index; what is already there is not counted
        PacketEncoder.encode(packet, version, out);
        assertThat(PacketEncoder.encodedSize(packet, version)).isEqualTo(out.readableBytes() - 1);
        out.release();
    }
}
