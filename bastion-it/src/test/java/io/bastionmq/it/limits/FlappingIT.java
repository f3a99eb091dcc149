package io.bastionmq.it.limits;

import static io.bastionmq.testkit.Packets.connect311;
import static io.bastionmq.testkit.Packets.connect5;
import static io.bastionmq.testkit.Packets.disconnect5;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.limits.Ban;
import io.bastionmq.limits.BanKind;
import io.bastionmq.testkit.RawClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** THREATS.md C16: a client id that reconnects too often is banned for a while, and the ban lands in the ban list. */
class FlappingIT {
    @Test
    void clientIdConnectingMoreThanMaxConnectsInTheWindowIsBanned() {
        try (TestBroker broker = TestBroker.builder()
                .limits(new LimitsBuilder().flapping(4, Duration.ofSeconds(60), Duration.ofMinutes(5)).build()).start()) {
            for (int i = 0; i < 4; i++) {
                try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                    c.send(connect5("flapper")).expectConnAck(0x00);
                    c.send(disconnect5(0));
                }
            }
            try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                c.send(connect5("flapper")).expectConnAck(0x8A); // MQTT5 3.2.2.2: banned
                c.expectClosed();
            }
            try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                c.send(connect311("flapper", true, 60)).expectConnAck(0x05); // 3.1.1: not authorized
            }
            try (RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
                c.send(connect5("steady")).expectConnAck(0x00);
            }
            Ban ban = broker.broker().limits().bans().matchClient("flapper", null);
            assertThat(ban).isNotNull();
            assertThat(ban.kind()).isEqualTo(BanKind.CLIENT_ID);
            assertThat(ban.reason()).startsWith("flapping");
            assertThat(Duration.between(Instant.now(), ban.expiresAt())).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
            assertThat(broker.broker().metrics().flappingBans.sum()).isEqualTo(1);
        }
    }
}
