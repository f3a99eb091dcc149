package io.bastionmq.it.authz;

import static io.bastionmq.it.authz.AttackerRules.NO_PROPERTIES;
import static io.bastionmq.it.authz.AttackerRules.payload;
import static io.bastionmq.it.authz.AttackerRules.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.config.AuthorizationConfig;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import io.bastionmq.security.authz.AclStore;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THREATS.md T4 with real credentials: an attacker who extracted dev1's password from a captured
 * device, against the secure default rules ({@code devices/${username}/#}), and rule-store changes
 * ({@code bastion acl add}) reaching a running broker.
 */
class AuthenticatedDeviceIT {
    private static final String DEV1_PASSWORD = "k7#Vq9!mZp2$Lx-orchid";
    private static final String DEV2_PASSWORD = "R4t&uW8@eN1%Qy-walrus";

    private static TestBroker.Builder fleet(Path dir) {
        return TestBroker.builder().rocksDb(dir).anonymous(false).authorization(AuthorizationConfig.SECURE_DEFAULT)
                .user("dev1", DEV1_PASSWORD).user("dev2", DEV2_PASSWORD, "sensors");
    }

    private static RawClient login(TestBroker broker, String clientId, String user, String password) {
        RawClient c = RawClient.connect("127.0.0.1", broker.port());
        c.send(Packets.packet(0x10, Packets.utf8("MQTT"), Packets.bytes(Packets.LEVEL_5, 0x80 | 0x40 | 0x02), Packets.u16(60),
                Packets.bytes(0), Packets.utf8(clientId), Packets.utf8(user), Packets.binary(payload(password))));
        c.expectConnAck(0x00);
        return c;
    }

    @Test
    @DisplayName("dev1's stolen credentials reach dev1's topics only, whatever client id the attacker picks")
    void stolenCredentialsReachOneDeviceOnly(@TempDir Path dir) {
        try (TestBroker broker = fleet(dir).start();
             RawClient dev2 = login(broker, "dev2", "dev2", DEV2_PASSWORD);
             RawClient attacker = login(broker, "#", "dev1", DEV1_PASSWORD)) {
            assertThat(subscribe(dev2, true, 1, "devices/dev2/#", 1)).isEqualTo(0x01);
            for (String filter : new String[] {"#", "devices/+/telemetry", "devices/dev2/#", "$share/g/devices/#", "$SYS/#",
                    "clients/+/x", "devices/#"}) {
                assertThat(subscribe(attacker, true, 2, filter, 1)).as(filter).isEqualTo(0x87);
            }
            assertThat(subscribe(attacker, true, 3, "devices/dev1/#", 1)).isEqualTo(0x01);
            attacker.send(Packets.publish5("devices/dev2/cmd", 1, false, 4, NO_PROPERTIES, payload("unlock")));
            assertThat(attacker.expect(PacketType.PUBACK).reasonCode()).isEqualTo(0x87);
            dev2.assertNothingReceived(Duration.ofMillis(400));
        }
    }

    @Test
    @DisplayName("a rule added to the rule store reaches the running broker and its connected clients")
    void ruleStoreChangesApplyLive(@TempDir Path dir) throws Exception {
        try (TestBroker broker = fleet(dir).start(); RawClient dev2 = login(broker, "dev2", "dev2", DEV2_PASSWORD)) {
            assertThat(subscribe(dev2, true, 1, "fleet/+/status", 0)).isEqualTo(0x87);
            new AclStore(dir).add(AclRule.of(Permission.ALLOW, Action.SUBSCRIBE, Subject.GROUP, "sensors", "fleet/#", "it"));
            int code = 0x87;
            for (int i = 0; i < 40 && code == 0x87; i++) {
                Thread.sleep(100);
                code = subscribe(dev2, true, 2 + i, "fleet/+/status", 0);
            }
            assertThat(code).isEqualTo(0x00);
        }
        assertThat(Files.readString(dir.resolve("audit").resolve("audit.log")))
                .contains("\"event\":\"acl_change\"", "rule store reloaded");
    }

    @Test
    @DisplayName("failed and successful logins are audited as JSON lines, and neither password appears in the log")
    void loginsAreAuditedWithoutPasswords(@TempDir Path dir) throws Exception {
        String wrong = "Wr0ng!Guess#" + System.nanoTime();
        try (TestBroker broker = fleet(dir).start()) {
            try (RawClient bad = RawClient.connect("127.0.0.1", broker.port())) {
                bad.send(Packets.packet(0x10, Packets.utf8("MQTT"), Packets.bytes(Packets.LEVEL_5, 0x80 | 0x40 | 0x02), Packets.u16(60),
                        Packets.bytes(0), Packets.utf8("dev1"), Packets.utf8("dev1"), Packets.binary(payload(wrong))));
                assertThat(bad.expect(PacketType.CONNACK).connackReturnCode()).isGreaterThanOrEqualTo(0x80);
            }
            try (RawClient good = login(broker, "dev1", "dev1", DEV1_PASSWORD)) {
                subscribe(good, true, 1, "devices/dev2/#", 0);
            }
        }
        String log = Files.readString(dir.resolve("audit").resolve("audit.log"));
        assertThat(log).contains("\"event\":\"auth_failure\"", "\"event\":\"auth_success\"", "\"event\":\"authz_denied\"");
        assertThat(log).doesNotContain(wrong).doesNotContain(DEV1_PASSWORD).doesNotContain(DEV2_PASSWORD);
    }
}
