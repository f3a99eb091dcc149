package io.bastionmq.it.authz;

import static io.bastionmq.it.authz.AttackerRules.FLEET;
import static io.bastionmq.it.authz.AttackerRules.NO_PROPERTIES;
import static io.bastionmq.it.authz.AttackerRules.connect311;
import static io.bastionmq.it.authz.AttackerRules.connect5;
import static io.bastionmq.it.authz.AttackerRules.payload;
import static io.bastionmq.it.authz.AttackerRules.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.config.AuditConfig;
import io.bastionmq.config.AuthorizationConfig;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * THREATS.md T2/T4, C6 over real sockets, as an attacker who holds device dev1 and wants dev2's
 * data: every way of reaching another device's topics is refused with 0x87 (3.1.1: 0x80), and
 * nothing of dev2's reaches dev1.
 */
class AuthorizationIT {
    private static final Duration QUIET = Duration.ofMillis(400);

    @ParameterizedTest(name = "subscribe {0}")
    @ValueSource(strings = {"#", "+/#", "devices/#", "devices/+/telemetry", "devices/dev2/#", "+/dev2/#",
            "$share/g/devices/#", "$share/g/devices/dev2/telemetry", "$SYS/#", "$SYS/broker/uptime", "clients/+/inbox"})
    @DisplayName("a device cannot subscribe beyond its own topics: SUBACK 0x87 (MQTT5 3.9.3), 0x80 for 3.1.1")
    void refusesSubscriptionsThatReachOtherDevices(String filter) {
        try (TestBroker broker = AttackerRules.start(FLEET);
             RawClient v5 = connect5(broker, "dev1");
             RawClient v3 = connect311(broker, "dev1-v3")) {
            assertThat(subscribe(v5, true, 1, filter, 1)).isEqualTo(0x87);
            assertThat(subscribe(v3, false, 1, filter, 1)).isEqualTo(0x80);
        }
    }

    @Test
    @DisplayName("a device may subscribe to its own topics, also through wildcards and a shared subscription")
    void grantsOwnTopics() {
        try (TestBroker broker = AttackerRules.start(FLEET); RawClient dev1 = connect5(broker, "dev1")) {
            assertThat(subscribe(dev1, true, 1, "devices/dev1/#", 1)).isEqualTo(0x01);
            assertThat(subscribe(dev1, true, 2, "devices/dev1/+/x", 2)).isEqualTo(0x02);
            assertThat(subscribe(dev1, true, 3, "$share/g/clients/dev1/#", 0)).isEqualTo(0x00);
        }
    }

    @Test
    @DisplayName("publishing into another device's topic: PUBACK/PUBREC 0x87, and the message is not delivered")
    void refusesPublishIntoAnotherDevice() {
        try (TestBroker broker = AttackerRules.start(FLEET);
             RawClient dev2 = connect5(broker, "dev2");
             RawClient dev1 = connect5(broker, "dev1");
             RawClient dev1v3 = connect311(broker, "dev1-v3")) {
            assertThat(subscribe(dev2, true, 1, "devices/dev2/#", 2)).isEqualTo(0x02);
            dev1.send(Packets.publish5("devices/dev2/cmd", 1, false, 1, NO_PROPERTIES, payload("open")));
            RawPacket puback = dev1.expect(PacketType.PUBACK);
            assertThat(puback.reasonCode()).isEqualTo(0x87);
            dev1.send(Packets.publish5("devices/dev2/cmd", 2, false, 2, NO_PROPERTIES, payload("open")));
            assertThat(dev1.expect(PacketType.PUBREC).reasonCode()).isEqualTo(0x87);
            dev1.send(Packets.publish5("devices/dev2/cmd", 0, false, 0, NO_PROPERTIES, payload("open")));
            dev1v3.send(Packets.publish311("devices/dev2/cmd", 1, false, 3, payload("open")));
            assertThat(dev1v3.expect(PacketType.PUBACK).packetId()).as("3.1.1 cannot say no: dropped").isEqualTo(3);
            dev2.assertNothingReceived(QUIET);
            // ... while dev2's own publish arrives: the subscription works.
            dev2.send(Packets.publish5("devices/dev2/cmd", 0, false, 0, NO_PROPERTIES, payload("own")));
            assertThat(dev2.expect(PacketType.PUBLISH).topic()).isEqualTo("devices/dev2/cmd");
        }
    }

    @Test
    @DisplayName("authorization.disconnect_on_denied_publish closes a 3.1.1 connection on a denied PUBLISH")
    void closesMqtt311ConnectionOnDeniedPublishWhenConfigured() {
        AuthorizationConfig strict = new AuthorizationConfig(FLEET.rules(), true, true, 64);
        try (TestBroker broker = AttackerRules.start(strict); RawClient dev1 = connect311(broker, "dev1")) {
            dev1.send(Packets.publish311("devices/dev2/cmd", 1, false, 1, payload("open")));
            dev1.expectClosed();
        }
    }

    @Test
    @DisplayName("another device's retained message never reaches the attacker, through any wildcard")
    void retainedMessagesDoNotLeak() {
        try (TestBroker broker = AttackerRules.start(FLEET)) {
            try (RawClient dev2 = connect5(broker, "dev2")) {
                dev2.send(Packets.publish5("devices/dev2/state", 1, true, 1, NO_PROPERTIES, payload("secret")));
                assertThat(dev2.expect(PacketType.PUBACK).reasonCode()).isLessThan(0x80);
            }
            try (RawClient dev1 = connect5(broker, "dev1")) {
                assertThat(subscribe(dev1, true, 1, "devices/+/state", 1)).isEqualTo(0x87);
                assertThat(subscribe(dev1, true, 2, "#", 1)).isEqualTo(0x87);
                assertThat(subscribe(dev1, true, 3, "devices/dev1/#", 1)).isEqualTo(0x01);
                dev1.assertNothingReceived(QUIET);
            }
        }
    }

    @ParameterizedTest(name = "MQTT 5: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("a will on a forbidden topic refuses the CONNECT: 0x87 (MQTT5 3.2.2.2), 0x05 for 3.1.1")
    void refusesWillOnForbiddenTopic(boolean v5) {
        try (TestBroker broker = AttackerRules.start(FLEET)) {
            try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                c.send(AttackerRules.connectWithWill(v5, "dev1", "devices/dev2/alarm", 1));
                c.expectConnAck(v5 ? 0x87 : 0x05);
            }
            try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                c.send(AttackerRules.connectWithWill(v5, "dev1", "devices/dev1/alarm", 1));
                c.expectConnAck(0x00);
            }
        }
    }

    @ParameterizedTest(name = "client id {0}")
    @ValueSource(strings = {"#", "+", "dev2/x", "$SYS"})
    @DisplayName("a client id holding wildcards or levels cannot widen a ${clientid} rule")
    void wildcardClientIdsGainNothing(String clientId) {
        try (TestBroker broker = AttackerRules.start(FLEET); RawClient evil = connect5(broker, clientId)) {
            assertThat(subscribe(evil, true, 1, "devices/#", 1)).isEqualTo(0x87);
            assertThat(subscribe(evil, true, 2, "devices/+/telemetry", 1)).isEqualTo(0x87);
            assertThat(subscribe(evil, true, 3, "clients/dev2/#", 1)).isEqualTo(0x87);
            evil.send(Packets.publish5("devices/dev2/cmd", 1, false, 4, NO_PROPERTIES, payload("x")));
            assertThat(evil.expect(PacketType.PUBACK).reasonCode()).isEqualTo(0x87);
        }
    }

    @Test
    @DisplayName("max_qos: a PUBLISH above it is refused (0x87), a subscription is granted at most it; retain: false refuses retained PUBLISHes")
    void maxQosAndRetainRules() {
        try (TestBroker broker = AttackerRules.start(FLEET); RawClient dev1 = connect5(broker, "dev1")) {
            dev1.send(Packets.publish5("limited/dev1", 1, false, 1, NO_PROPERTIES, payload("ok")));
            assertThat(dev1.expect(PacketType.PUBACK).reasonCode()).isLessThan(0x80);
            dev1.send(Packets.publish5("limited/dev1", 2, false, 2, NO_PROPERTIES, payload("too high")));
            assertThat(dev1.expect(PacketType.PUBREC).reasonCode()).isEqualTo(0x87);
            dev1.send(Packets.publish5("limited/dev1", 1, true, 3, NO_PROPERTIES, payload("retained")));
            assertThat(dev1.expect(PacketType.PUBACK).reasonCode()).isEqualTo(0x87);
            assertThat(subscribe(dev1, true, 4, "feed/+", 2)).as("downgraded to the rule's max_qos").isEqualTo(0x00);
        }
    }

    @Test
    @DisplayName("the secure default: no $SYS, nothing outside clients/<id>/# for an anonymous client")
    void secureDefaultConfinesAnonymousClients() {
        try (TestBroker broker = AttackerRules.start(AuthorizationConfig.SECURE_DEFAULT); RawClient c = connect5(broker, "dev1")) {
            assertThat(subscribe(c, true, 1, "$SYS/#", 0)).isEqualTo(0x87);
            assertThat(subscribe(c, true, 2, "#", 0)).isEqualTo(0x87);
            assertThat(subscribe(c, true, 3, "devices/dev1/#", 0)).as("${username} never matches anonymous").isEqualTo(0x87);
            assertThat(subscribe(c, true, 4, "clients/dev1/#", 0)).isEqualTo(0x00);
        }
    }

    @Test
    @DisplayName("denials are in the audit log as JSON lines, and no password sent at CONNECT is")
    void denialsAreAuditedWithoutSecrets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        String secret = "Tr0ub4dor&3-never-log-me";
        TestBroker.Builder b = TestBroker.builder().authorization(FLEET)
                .audit(new AuditConfig(true, file, AuditConfig.MAX_FILE_SIZE_DEFAULT, 2, 1000));
        try (TestBroker broker = b.start()) {
            for (String user : List.of("dev1", "nobody")) {
                try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                    c.send(connectWithPassword(user, secret));
                    c.readPacket();
                }
            }
            try (RawClient dev1 = connect5(broker, "dev1")) {
                subscribe(dev1, true, 1, "devices/#", 0);
            }
        }
        String log = Files.readString(file);
        assertThat(log).contains("\"event\":\"authz_denied\"").contains("\"client_id\":\"dev1\"").contains("subscribe devices/#");
        assertThat(log).doesNotContain(secret);
        for (String line : log.split("\n")) {
            assertThat(line).startsWith("{\"time\":\"").endsWith("}");
        }
    }

    /** MQTT 5 CONNECT with user name (flag 0x80) and password (0x40), clean start. */
    private static byte[] connectWithPassword(String user, String password) {
        return Packets.packet(0x10, Packets.utf8("MQTT"), Packets.bytes(Packets.LEVEL_5, 0x80 | 0x40 | 0x02), Packets.u16(60),
                Packets.bytes(0), Packets.utf8("c-" + user), Packets.utf8(user), Packets.binary(payload(password)));
    }

    @Test
    @DisplayName("a rule removed while a client is subscribed stops the flow at once: each delivery is checked")
    void revokedRuleStopsExistingSubscription() {
        try (TestBroker broker = AttackerRules.start(FLEET);
             RawClient reader = connect5(broker, "reader");
             RawClient writer = connect5(broker, "writer")) {
            AclRule publish = AclRule.of(AclRule.Permission.ALLOW, AclRule.Action.PUBLISH, AclRule.Subject.ALL, "", "fleet/#", "it");
            AclRule read = AclRule.of(AclRule.Permission.ALLOW, AclRule.Action.SUBSCRIBE, AclRule.Subject.ALL, "", "fleet/#", "it");
            broker.broker().authorizer().replaceStoreRules(List.of(publish, read));
            assertThat(subscribe(reader, true, 1, "fleet/#", 0)).isEqualTo(0x00);
            writer.send(Packets.publish5("fleet/a", 0, false, 0, NO_PROPERTIES, payload("before")));
            assertThat(reader.expect(PacketType.PUBLISH).topic()).isEqualTo("fleet/a");

            broker.broker().authorizer().replaceStoreRules(List.of(publish));
            writer.send(Packets.publish5("fleet/a", 1, false, 7, NO_PROPERTIES, payload("after")));
            assertThat(writer.expect(PacketType.PUBACK).reasonCode()).isLessThan(0x80);
            reader.assertNothingReceived(QUIET);
        }
    }
}
