package io.bastionmq.it.authz;

import static io.bastionmq.testkit.Packets.bytes;
import static io.bastionmq.testkit.Packets.packet;
import static io.bastionmq.testkit.Packets.u16;
import static io.bastionmq.testkit.Packets.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.config.AuthorizationConfig;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet every authz test attacks: anonymous devices identified by client id (authentication
 * is not needed to show the ACL holds), each confined to {@code devices/<its id>/#} and
 * {@code clients/<its id>/#}, plus a QoS-capped, no-retain area and a QoS-capped feed.
 */
final class AttackerRules {
    static final byte[] NO_PROPERTIES = new byte[0];
    static final AuthorizationConfig FLEET = new AuthorizationConfig(List.of(
            rule(Permission.ALLOW, Action.ALL, "devices/${clientid}/#"),
            rule(Permission.ALLOW, Action.ALL, "clients/${clientid}/#"),
            new AclRule(Permission.ALLOW, Action.PUBLISH, Subject.ALL, "", "limited/${clientid}", 1, false, "it"),
            new AclRule(Permission.ALLOW, Action.SUBSCRIBE, Subject.ALL, "", "feed/#", 0, true, "it")),
            false, true, 64);

    private AttackerRules() {}

    static AclRule rule(Permission p, Action a, String topic) {
        return AclRule.of(p, a, Subject.ALL, "", topic, "it");
    }

    static TestBroker start(AuthorizationConfig authz) {
        return TestBroker.builder().authorization(authz).start();
    }

    static RawClient connect5(TestBroker broker, String clientId) {
        RawClient c = RawClient.connect("127.0.0.1", broker.port());
        c.send(Packets.connect5(clientId));
        c.expectConnAck(0x00);
        return c;
    }

    static RawClient connect311(TestBroker broker, String clientId) {
        RawClient c = RawClient.connect("127.0.0.1", broker.port());
        c.send(Packets.connect311(clientId, true, 60));
        c.expectConnAck(0x00);
        return c;
    }

    /** SUBSCRIBE one filter at {@code qos}; returns the SUBACK's reason code (MQTT 5) or return code (3.1.1). */
    static int subscribe(RawClient c, boolean v5, int packetId, String filter, int qos) {
        c.send(v5 ? Packets.subscribe5(packetId, filter, qos, NO_PROPERTIES) : Packets.subscribe311(packetId, filter, qos));
        RawPacket ack = c.expect(PacketType.SUBACK);
        byte[] body = ack.body();
        assertThat(ack.packetId()).isEqualTo(packetId);
        return body[v5 ? 3 : 2] & 0xFF; // v5: id (2) + property length 0 (1) + code
    }

    static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * CONNECT with a will (MQTT5 3.1.2.5, 3.1.3.2-3): flags clean start 0x02 | will 0x04 | will QoS << 3.
     *
     * <pre>
     * 10 rl | 00 04 MQTT | level | flags | keep alive | [props 00] | client id | [will props 00] | will topic | will payload
     * </pre>
     */
    static byte[] connectWithWill(boolean v5, String clientId, String willTopic, int willQos) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(utf8("MQTT"));
        parts.add(bytes(v5 ? Packets.LEVEL_5 : Packets.LEVEL_311, 0x02 | 0x04 | (willQos << 3)));
        parts.add(u16(60));
        if (v5) parts.add(bytes(0));
        parts.add(utf8(clientId));
        if (v5) parts.add(bytes(0));
        parts.add(utf8(willTopic));
        parts.add(Packets.binary(payload("gone")));
        return packet(0x10, parts.toArray(byte[][]::new));
    }
}
