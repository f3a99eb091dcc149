package io.bastionmq.it.publish;

import static io.bastionmq.it.publish.Raw.NO_PROPERTIES;
import static io.bastionmq.it.publish.Raw.expectAck;
import static io.bastionmq.it.publish.Raw.nextPublish;
import static io.bastionmq.it.publish.Raw.publish5;
import static io.bastionmq.it.publish.Raw.topicAlias;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Topic aliases in both directions (MQTT5 3.3.2.3.4, 3.1.2.11.5, 3.2.2.3.8). */
class TopicAliasIT {
    private static final Duration QUIET = Duration.ofMillis(400);

    @Test
    @DisplayName("CONNACK announces the Topic Alias Maximum; an alias defined with a topic resolves a later empty topic (MQTT-3.3.2-12, MQTT5 3.3.2.3.4)")
    void resolvesInboundTopicAliasForSubscribers() {
        try (TestBroker broker = TestBroker.builder().topicAliasMaximum(5).start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = pub.send(Packets.connect5("pub")).expectConnAck(0x00);
            assertThat(Mqtt5Publish.properties(connack, 2)).containsEntry(0x22, List.of(5));
            Raw.subscribe5(sub, "alias/#", 0);

            pub.send(publish5("alias/one", 0, false, 0, topicAlias(1), "defines"));
            pub.send(publish5("", 0, false, 0, topicAlias(1), "uses"));
            pub.send(publish5("alias/five", 1, false, 7, topicAlias(5), "highest alias allowed"));
            expectAck(pub, PacketType.PUBACK, 7, 0x00);
            pub.send(publish5("", 1, false, 8, topicAlias(5), "uses five"));
            expectAck(pub, PacketType.PUBACK, 8, 0x00);

            // topicAndPayload also checks that the publisher's alias is not passed on (aliases are per connection).
            assertThat(List.of(topicAndPayload(sub), topicAndPayload(sub), topicAndPayload(sub), topicAndPayload(sub)))
                    .containsExactly("alias/one=defines", "alias/one=uses", "alias/five=highest alias allowed",
                            "alias/five=uses five");
        }
    }

    @Test
    @DisplayName("a PUBLISH with topic and an alias already in use redefines the alias (MQTT5 3.3.2.3.4)")
    void redefinesInboundAliasWhenSentWithANewTopic() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "re/#", 0);
            pub.send(publish5("re/a", 0, false, 0, topicAlias(1), "a"));
            pub.send(publish5("re/b", 0, false, 0, topicAlias(1), "b"));
            pub.send(publish5("", 0, false, 0, topicAlias(1), "via alias"));
            assertThat(List.of(topicAndPayload(sub), topicAndPayload(sub), topicAndPayload(sub)))
                    .containsExactly("re/a=a", "re/b=b", "re/b=via alias");
        }
    }

    @Test
    @DisplayName("Topic Alias 0 gets DISCONNECT 0x94 (MQTT-3.3.2-8)")
    void disconnectsOnTopicAliasZero() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("t", 0, false, 0, topicAlias(0), "x")).expectDisconnect(0x94);
        }
    }

    @Test
    @DisplayName("a Topic Alias above the broker's Topic Alias Maximum gets DISCONNECT 0x94 (MQTT-3.3.2-9 for the client, MQTT5 3.2.2.3.8)")
    void disconnectsOnTopicAliasAboveMaximum() {
        try (TestBroker broker = TestBroker.builder().topicAliasMaximum(5).start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("t", 1, false, 1, topicAlias(6), "x")).expectDisconnect(0x94);
        }
    }

    @Test
    @DisplayName("with Topic Alias Maximum 0 the broker announces none and any alias gets DISCONNECT 0x94 (MQTT5 3.2.2.3.8)")
    void disconnectsOnAnyAliasWhenAliasesAreDisabled() {
        try (TestBroker broker = TestBroker.builder().topicAliasMaximum(0).start();
             RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = c.send(Packets.connect5("c")).expectConnAck(0x00);
            List<Object> announced = Mqtt5Publish.properties(connack, 2).get(0x22);
            assertThat(announced == null || announced.equals(List.of(0))).as("Topic Alias Maximum in %s", connack).isTrue();
            c.send(publish5("t", 0, false, 0, topicAlias(1), "x")).expectDisconnect(0x94);
        }
    }

    @Test
    @DisplayName("an empty topic with an alias never defined on this connection gets DISCONNECT 0x82 (MQTT5 3.3.4)")
    void disconnectsOnUndefinedAlias() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("", 0, false, 0, topicAlias(3), "x")).expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("an empty topic without any alias gets DISCONNECT 0x82 (MQTT5 3.3.2.1, 3.3.4)")
    void disconnectsOnEmptyTopicWithoutAlias() {
        try (TestBroker broker = TestBroker.start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("", 0, false, 0, NO_PROPERTIES, "x")).expectDisconnect(0x82);
        }
    }

    @Test
    @DisplayName("aliases live only as long as the connection: a new connection cannot use the old alias (MQTT-3.3.2-7)")
    void forgetsInboundAliasesWithTheConnection() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient c = Raw.connect5(broker, "c", Raw.sessionExpiry(60))) {
                c.send(publish5("scoped", 1, false, 1, topicAlias(1), "x"));
                expectAck(c, PacketType.PUBACK, 1, 0x10);
                c.send(Packets.disconnect5(0)).expectClosed();
            }
            try (RawClient c = Raw.connect5(broker, "c", false, Raw.sessionExpiry(60))) {
                c.send(publish5("", 1, false, 2, topicAlias(1), "x")).expectDisconnect(0x82);
            }
        }
    }

    @Test
    @DisplayName("a subscriber with Topic Alias Maximum 5 gets topic + alias first, then empty topic + same alias (MQTT-3.3.2-11, MQTT5 3.3.2.3.4)")
    void sendsOutboundAliasesWithinTheClientsMaximum() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub", Raw.topicAliasMaximum(5));
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "out/#", 0);
            pub.send(publish5("out/a", 0, false, 0, NO_PROPERTIES, "1"));
            pub.send(publish5("out/a", 0, false, 0, NO_PROPERTIES, "2"));
            pub.send(publish5("out/b", 0, false, 0, NO_PROPERTIES, "3"));
            pub.send(publish5("out/b", 0, false, 0, NO_PROPERTIES, "4"));

            Mqtt5Publish first = nextPublish(sub);
            assertThat(first.topic()).isEqualTo("out/a");
            Integer aliasA = (Integer) first.property(Mqtt5Publish.TOPIC_ALIAS);
            assertThat(aliasA).isBetween(1, 5);
            Mqtt5Publish second = nextPublish(sub);
            assertThat(second.topic()).isEmpty();
            assertThat(second.property(Mqtt5Publish.TOPIC_ALIAS)).isEqualTo(aliasA);
            assertThat(second.payloadText()).isEqualTo("2");

            Mqtt5Publish third = nextPublish(sub);
            assertThat(third.topic()).isEqualTo("out/b");
            Integer aliasB = (Integer) third.property(Mqtt5Publish.TOPIC_ALIAS);
            assertThat(aliasB).isBetween(1, 5).isNotEqualTo(aliasA);
            Mqtt5Publish fourth = nextPublish(sub);
            assertThat(fourth.topic()).isEmpty();
            assertThat(fourth.property(Mqtt5Publish.TOPIC_ALIAS)).isEqualTo(aliasB);
        }
    }

    @Test
    @DisplayName("outbound aliases start afresh on a new connection of the same session: the topic is sent in full again (MQTT-3.3.2-7)")
    void startsOutboundAliasesAfreshOnReconnect() {
        byte[] connectProps = Packets.concat(Raw.topicAliasMaximum(5), Raw.sessionExpiry(60));
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            try (RawClient sub = Raw.connect5(broker, "sub", connectProps)) {
                Raw.subscribe5(sub, "again", 0);
                pub.send(publish5("again", 0, false, 0, NO_PROPERTIES, "1"));
                Mqtt5Publish first = nextPublish(sub);
                assertThat(first.topic()).isEqualTo("again");
                assertThat(first.property(Mqtt5Publish.TOPIC_ALIAS)).isNotNull();
                sub.send(Packets.disconnect5(0)).expectClosed();
            }
            try (RawClient sub = Raw.connect5(broker, "sub", false, connectProps)) {
                pub.send(publish5("again", 0, false, 0, NO_PROPERTIES, "2"));
                Mqtt5Publish second = nextPublish(sub);
                assertThat(second.topic()).as("an alias from the previous connection cannot be relied on").isEqualTo("again");
                assertThat(second.payloadText()).isEqualTo("2");
            }
        }
    }

    @Test
    @DisplayName("the broker never uses an alias above the client's Topic Alias Maximum, even with more topics than aliases (MQTT-3.3.2-11)")
    void neverExceedsClientsTopicAliasMaximum() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub", Raw.topicAliasMaximum(1));
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "many/#", 0);
            List<String> topics = List.of("many/a", "many/b", "many/c", "many/a", "many/b", "many/c");
            for (String t : topics) {
                pub.send(publish5(t, 0, false, 0, NO_PROPERTIES, t));
            }
            String[] aliasTopic = new String[2];
            for (String t : topics) {
                Mqtt5Publish got = nextPublish(sub);
                Integer alias = (Integer) got.property(Mqtt5Publish.TOPIC_ALIAS);
                String resolved = got.topic();
                if (alias != null) {
                    assertThat(alias).isEqualTo(1);
                    if (got.topic().isEmpty()) {
                        resolved = aliasTopic[1];
                    } else {
                        aliasTopic[1] = got.topic();
                    }
                }
                assertThat(resolved).isEqualTo(t);
                assertThat(got.payloadText()).isEqualTo(t);
            }
        }
    }

    @Test
    @DisplayName("a client that sent no Topic Alias Maximum never receives a Topic Alias (MQTT-3.3.2-11)")
    void neverSendsAliasesToClientWithoutTopicAliasMaximum() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub");
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "noalias", 0);
            for (int i = 0; i < 3; i++) {
                pub.send(publish5("noalias", 0, false, 0, NO_PROPERTIES, "" + i));
            }
            for (int i = 0; i < 3; i++) {
                Mqtt5Publish got = nextPublish(sub);
                assertThat(got.topic()).isEqualTo("noalias");
                assertThat(got.property(Mqtt5Publish.TOPIC_ALIAS)).isNull();
            }
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("HiveMQ Mqtt5 clients with topic aliases enabled publish and receive across several topics")
    void hiveMqClientsWithTopicAliasesWorkEndToEnd() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            Mqtt5BlockingClient sub = hiveMq(broker, "sub");
            Mqtt5BlockingClient pub = hiveMq(broker, "pub");
            try {
                BlockingQueue<String> got = new LinkedBlockingQueue<>();
                sub.toAsync().subscribeWith().topicFilter("hive/#").qos(MqttQos.AT_LEAST_ONCE)
                        .callback(p -> got.add(p.getTopic() + "=" + new String(p.getPayloadAsBytes())))
                        .send().get(5, TimeUnit.SECONDS);
                for (int round = 0; round < 3; round++) {
                    for (String t : List.of("hive/a", "hive/b/c", "hive/d")) {
                        pub.publishWith().topic(t).qos(MqttQos.AT_LEAST_ONCE).payload((t + round).getBytes()).send();
                        assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo(t + "=" + t + round);
                    }
                }
            } finally {
                pub.disconnect();
                sub.disconnect();
            }
        }
    }

    private static Mqtt5BlockingClient hiveMq(TestBroker broker, String id) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        c.connectWith().cleanStart(true)
                .restrictions().topicAliasMaximum(8).sendTopicAliasMaximum(8).applyRestrictions()
                .send();
        return c;
    }

    private static String topicAndPayload(RawClient sub) {
        Mqtt5Publish p = nextPublish(sub);
        assertThat(p.property(Mqtt5Publish.TOPIC_ALIAS)).as("topic alias sent to a client without Topic Alias Maximum").isNull();
        return p.topic() + "=" + p.payloadText();
    }
}
