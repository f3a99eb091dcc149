package io.bastionmq.it.publish;

import io.bastionmq.it.support.Paho5Callback;
import static io.bastionmq.it.publish.Raw.NO_PROPERTIES;
import static io.bastionmq.it.publish.Raw.expectAck;
import static io.bastionmq.it.publish.Raw.nextPublish;
import static io.bastionmq.it.publish.Raw.publish5;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Flow control by Receive Maximum in both directions (MQTT5 3.1.2.11.3, 3.2.2.3.3, 4.9). */
class FlowControlIT {
    private static final Duration QUIET = Duration.ofMillis(500);

    @Test
    @DisplayName("with the client's Receive Maximum 2 the broker has at most 2 QoS 1 PUBLISHes unacknowledged (MQTT-3.3.4-9)")
    void sendsNoMoreThanClientReceiveMaximumUnacknowledged() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub", Raw.receiveMaximum(2));
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "flow", 1);
            for (int i = 1; i <= 10; i++) {
                pub.send(publish5("flow", 1, false, i, NO_PROPERTIES, "m" + i));
                expectAck(pub, PacketType.PUBACK, i, 0x00);
            }
            Mqtt5Publish m1 = nextPublish(sub);
            Mqtt5Publish m2 = nextPublish(sub);
            sub.assertNothingReceived(QUIET);

            sub.send(Packets.puback(m1.packetId()));
            Mqtt5Publish m3 = nextPublish(sub);
            sub.assertNothingReceived(QUIET);

            List<String> payloads = new ArrayList<>(List.of(m1.payloadText(), m2.payloadText(), m3.payloadText()));
            Mqtt5Publish last = m3;
            sub.send(Packets.puback(m2.packetId()));
            for (int i = 4; i <= 10; i++) {
                Mqtt5Publish next = nextPublish(sub);
                payloads.add(next.payloadText());
                sub.send(Packets.puback(last.packetId()));
                last = next;
            }
            sub.send(Packets.puback(last.packetId()));
            assertThat(payloads).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
            sub.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("QoS 2 deliveries count against the client's Receive Maximum until PUBCOMP (MQTT-3.3.4-9, MQTT5 4.9)")
    void countsQos2UntilPubCompAgainstClientReceiveMaximum() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub", Raw.receiveMaximum(1));
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "flow2", 2);
            for (int i = 1; i <= 2; i++) {
                pub.send(publish5("flow2", 2, false, i, NO_PROPERTIES, "m" + i));
                expectAck(pub, PacketType.PUBREC, i, 0x00);
                pub.send(Packets.pubrel(i));
                expectAck(pub, PacketType.PUBCOMP, i, 0x00);
            }
            Mqtt5Publish m1 = nextPublish(sub);
            sub.send(Packets.pubrec(m1.packetId()));
            expectAck(sub, PacketType.PUBREL, m1.packetId(), 0x00);
            sub.assertNothingReceived(QUIET); // PUBREC alone does not free the slot
            sub.send(Packets.pubcomp(m1.packetId()));
            assertThat(nextPublish(sub).payloadText()).isEqualTo("m2");
        }
    }

    @Test
    @DisplayName("retained messages sent on SUBSCRIBE also respect the client's Receive Maximum (MQTT-3.3.4-9)")
    void retainedMessagesOnSubscribeRespectClientReceiveMaximum() {
        try (TestBroker broker = TestBroker.start()) {
            try (RawClient pub = Raw.connect5(broker, "pub")) {
                for (int i = 1; i <= 5; i++) {
                    pub.send(publish5("kept/" + i, 1, true, i, NO_PROPERTIES, "r" + i));
                    expectAck(pub, PacketType.PUBACK, i, 0x10);
                }
            }
            try (RawClient sub = Raw.connect5(broker, "sub", Raw.receiveMaximum(2))) {
                Raw.subscribe5(sub, "kept/#", 1);
                Mqtt5Publish first = nextPublish(sub);
                nextPublish(sub);
                sub.assertNothingReceived(QUIET);
                sub.send(Packets.puback(first.packetId()));
                nextPublish(sub);
                sub.assertNothingReceived(QUIET);
            }
        }
    }

    @Test
    @DisplayName("a Paho v5 client with Receive Maximum 2 receives all of a burst of QoS 1 messages in order")
    void pahoClientWithSmallReceiveMaximumReceivesEverything() throws Exception {
        try (TestBroker broker = TestBroker.start(); RawClient pub = Raw.connect5(broker, "pub")) {
            MqttClient sub = new MqttClient(broker.tcpUri(), "paho-sub", new MemoryPersistence());
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            sub.setCallback(new Recording(got));
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setReceiveMaximum(2);
            o.setConnectionTimeout(5);
            sub.setTimeToWait(5000);
            sub.connect(o);
            try {
                sub.subscribe("burst", 1);
                for (int i = 1; i <= 20; i++) {
                    pub.send(publish5("burst", 1, false, i, NO_PROPERTIES, "m" + i));
                    expectAck(pub, PacketType.PUBACK, i, 0x00);
                }
                for (int i = 1; i <= 20; i++) {
                    assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
                }
            } finally {
                sub.disconnect();
                sub.close();
            }
        }
    }

    @Test
    @DisplayName("CONNACK announces the broker's Receive Maximum; a third unreleased QoS 2 PUBLISH gets DISCONNECT 0x93 (MQTT-3.3.4-9, MQTT5 3.2.2.3.3)")
    void disconnectsClientExceedingBrokerReceiveMaximum() {
        try (TestBroker broker = TestBroker.builder().receiveMaximum(2).start();
             RawClient c = RawClient.connect("127.0.0.1", broker.port())) {
            RawPacket connack = c.send(Packets.connect5("c")).expectConnAck(0x00);
            assertThat(Mqtt5Publish.properties(connack, 2)).containsEntry(0x21, List.of(2));
            c.send(publish5("rm", 2, false, 1, NO_PROPERTIES, "1"));
            expectAck(c, PacketType.PUBREC, 1, 0x10);
            c.send(publish5("rm", 2, false, 2, NO_PROPERTIES, "2"));
            expectAck(c, PacketType.PUBREC, 2, 0x10);
            c.send(publish5("rm", 2, false, 3, NO_PROPERTIES, "3")).expectDisconnect(0x93);
        }
    }

    @Test
    @DisplayName("PUBREL frees a slot of the broker's Receive Maximum, so the window can be reused indefinitely (MQTT5 4.9)")
    void acceptsNewQos2PublishOnceAnEarlierOneIsReleased() {
        try (TestBroker broker = TestBroker.builder().receiveMaximum(2).start(); RawClient c = Raw.connect5(broker, "c")) {
            c.send(publish5("rm", 2, false, 1, NO_PROPERTIES, "1"));
            expectAck(c, PacketType.PUBREC, 1, 0x10);
            c.send(publish5("rm", 2, false, 2, NO_PROPERTIES, "2"));
            expectAck(c, PacketType.PUBREC, 2, 0x10);
            for (int id = 3; id <= 10; id++) {
                c.send(Packets.pubrel(id - 2));
                expectAck(c, PacketType.PUBCOMP, id - 2, 0x00);
                c.send(publish5("rm", 2, false, id, NO_PROPERTIES, "" + id));
                expectAck(c, PacketType.PUBREC, id, 0x10);
            }
            // A resend (DUP) of an id still awaiting PUBREL takes no new slot (MQTT5 4.3.3).
            RawPacket again = c.send(Raw.withDup(publish5("rm", 2, false, 10, NO_PROPERTIES, "10"))).expect(PacketType.PUBREC);
            assertThat(again.packetId()).isEqualTo(10);
            assertThat(again.reasonCode()).isLessThan(0x80);
            c.send(Packets.pingreq()).expect(PacketType.PINGRESP);
        }
    }

    @Test
    @DisplayName("QoS 0 messages are not held back while the QoS 1 window is full (MQTT5 4.9)")
    void neverHoldsBackQos0() {
        try (TestBroker broker = TestBroker.start();
             RawClient sub = Raw.connect5(broker, "sub", Raw.receiveMaximum(1));
             RawClient pub = Raw.connect5(broker, "pub")) {
            Raw.subscribe5(sub, "mix", 1);
            pub.send(publish5("mix", 1, false, 1, NO_PROPERTIES, "q1-a"));
            expectAck(pub, PacketType.PUBACK, 1, 0x00);
            pub.send(publish5("mix", 1, false, 2, NO_PROPERTIES, "q1-b"));
            expectAck(pub, PacketType.PUBACK, 2, 0x00);
            Mqtt5Publish held = nextPublish(sub);
            assertThat(held.payloadText()).isEqualTo("q1-a");

            for (int i = 0; i < 5; i++) {
                pub.send(publish5("mix", 0, false, 0, NO_PROPERTIES, "q0-" + i));
            }
            for (int i = 0; i < 5; i++) {
                Mqtt5Publish q0 = nextPublish(sub);
                assertThat(q0.qos()).isZero();
                assertThat(q0.payloadText()).isEqualTo("q0-" + i);
            }
            sub.send(Packets.puback(held.packetId()));
            assertThat(nextPublish(sub).payloadText()).isEqualTo("q1-b");
        }
    }

    private record Recording(BlockingQueue<String> got) implements Paho5Callback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            got.add(new String(message.getPayload()));
        }
    }
}
