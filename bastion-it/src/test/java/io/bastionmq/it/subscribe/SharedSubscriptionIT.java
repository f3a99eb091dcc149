package io.bastionmq.it.subscribe;

import static io.bastionmq.it.subscribe.Wire.sub;
import static io.bastionmq.testkit.Packets.property;
import static io.bastionmq.testkit.Packets.u16;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.bastionmq.it.support.TestBroker;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared subscriptions {@code $share/{ShareName}/{filter}} (MQTT5 4.8.2): each message goes to
 * one member of each group; groups and ordinary subscriptions are independent of each other.
 */
class SharedSubscriptionIT {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final byte[] NONE = new byte[0];

    /** A message as one member saw it: "member:payload". */
    private record Got(String member, String payload, int qos) {}

    @Test
    @DisplayName("MQTT5 4.8.2: each message goes to exactly one member, and over 100 messages every member gets some")
    void spreadsMessagesOverTheMembersExactlyOnceEach() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.start();
                Hive a = member(broker, "a", "$share/workers/job/#", 1, got);
                Hive b = member(broker, "b", "$share/workers/job/#", 1, got);
                Hive c = member(broker, "c", "$share/workers/job/#", 1, got);
                Hive pub = Hive.connect(broker, "pub")) {
            for (int i = 0; i < 100; i++) {
                pub.publish("job/" + (i % 3), 1, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            List<Got> all = take(got, 100);
            assertThat(got.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("a 101st delivery").isNull();
            assertThat(all).extracting(Got::payload).doesNotHaveDuplicates().hasSize(100);
            assertThat(countBy(all)).as("messages per member").containsOnlyKeys("a", "b", "c");
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: two groups on the same filter each get every message, once per group")
    void everyGroupGetsEveryMessage() throws Exception {
        BlockingQueue<Got> g1 = new LinkedBlockingQueue<>();
        BlockingQueue<Got> g2 = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.start();
                Hive a1 = member(broker, "a1", "$share/one/tg/+", 1, g1);
                Hive a2 = member(broker, "a2", "$share/one/tg/+", 1, g1);
                Hive b1 = member(broker, "b1", "$share/two/tg/+", 1, g2);
                Hive b2 = member(broker, "b2", "$share/two/tg/+", 1, g2);
                Hive pub = Hive.connect(broker, "pub")) {
            for (int i = 0; i < 20; i++) {
                pub.publish("tg/x", 1, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            for (BlockingQueue<Got> group : List.of(g1, g2)) {
                List<Got> all = take(group, 20);
                assertThat(all).extracting(Got::payload).doesNotHaveDuplicates().hasSize(20);
            }
            assertThat(g1.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
            assertThat(g2.poll(1, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: an ordinary subscriber on the same filter gets every message alongside the group")
    void ordinarySubscriberAlongsideGroupGetsEveryMessage() throws Exception {
        BlockingQueue<Got> group = new LinkedBlockingQueue<>();
        BlockingQueue<Got> plain = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.start();
                Hive m1 = member(broker, "m1", "$share/g/al/#", 1, group);
                Hive m2 = member(broker, "m2", "$share/g/al/#", 1, group);
                Hive solo = member(broker, "solo", "al/#", 1, plain);
                Hive pub = Hive.connect(broker, "pub")) {
            for (int i = 0; i < 20; i++) {
                pub.publish("al/x", 1, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(take(plain, 20)).extracting(Got::payload).doesNotHaveDuplicates().hasSize(20);
            assertThat(take(group, 20)).extracting(Got::payload).doesNotHaveDuplicates().hasSize(20);
            assertThat(group.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: a member also subscribed without sharing gets the message from both subscriptions")
    void memberWithAnOrdinarySubscriptionToo() throws Exception {
        try (TestBroker broker = TestBroker.start();
                RawClient both = Wire.connect5(broker, "both");
                RawClient pub = Wire.connect5(broker, "pub")) {
            assertThat(Wire.subscribe5(both, 1, NONE, sub("$share/g/bo/x", 0), sub("bo/x", 0)))
                    .containsExactly(0x00, 0x00);
            pub.send(Packets.publish5("bo/x", 0, false, 0, NONE, "one".getBytes()));
            assertThat(Wire.readPublish(both, true).payloadText()).isEqualTo("one");
            assertThat(Wire.readPublish(both, true).payloadText()).isEqualTo("one");
            both.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-3.3.4-3, -5: shared and ordinary subscriptions of one client each deliver with their own identifier")
    void sharedAndOrdinarySubscriptionsCarryTheirOwnIdentifiers() {
        try (TestBroker broker = TestBroker.start();
                RawClient c = Wire.connect5(broker, "ids");
                RawClient pub = Wire.connect5(broker, "pub")) {
            Wire.subscribe5(c, 1, Wire.subscriptionId(11), sub("$share/g/sid/x", 0));
            Wire.subscribe5(c, 2, Wire.subscriptionId(22), sub("sid/+", 0));
            pub.send(Packets.publish5("sid/x", 0, false, 0, NONE, "m".getBytes()));
            List<List<Integer>> ids = List.of(Wire.readPublish(c, true).subscriptionIds(),
                    Wire.readPublish(c, true).subscriptionIds());
            assertThat(ids).containsExactlyInAnyOrder(List.of(11), List.of(22));
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: while one member's session is offline, messages go to the connected member")
    void prefersConnectedMembersOverOfflineSessions() {
        try (TestBroker broker = TestBroker.start();
                RawClient online = Wire.connect5(broker, "online");
                RawClient pub = Wire.connect5(broker, "pub")) {
            byte[] expiry = property(Wire.SESSION_EXPIRY_INTERVAL, Packets.u32(60));
            try (RawClient offline = Wire.connect5(broker, "offline", expiry)) {
                Wire.subscribe5(offline, 1, NONE, sub("$share/g/off/x", 1));
                offline.send(Packets.disconnect5(0x00)).expectClosed();
            }
            Wire.subscribe5(online, 1, NONE, sub("$share/g/off/x", 1));
            for (int i = 0; i < 6; i++) {
                pub.send(Packets.publish5("off/x", 1, false, i + 1, NONE, ("m" + i).getBytes()));
                pub.expect(PacketType.PUBACK);
            }
            for (int i = 0; i < 6; i++) {
                Wire.Publish p = Wire.readPublish(online, true);
                assertThat(p.payloadText()).isEqualTo("m" + i);
                online.send(Packets.puback(p.packetId()));
            }
        }
    }

    @Test
    @DisplayName("MQTT-4.8.2-3: each member receives at the QoS granted to its own subscription")
    void eachMemberGetsItsOwnGrantedQos() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.start();
                Hive low = member(broker, "low", "$share/q/qs/x", 0, got);
                Hive high = member(broker, "high", "$share/q/qs/x", 2, got);
                Hive pub = Hive.connect(broker, "pub")) {
            for (int i = 0; i < 10; i++) {
                pub.publish("qs/x", 2, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            List<Got> all = take(got, 10);
            assertThat(all).extracting(Got::payload).doesNotHaveDuplicates();
            for (Got g : all) {
                assertThat(g.qos()).as(g.toString()).isEqualTo(g.member().equals("low") ? 0 : 2);
            }
            assertThat(countBy(all)).containsOnlyKeys("low", "high");
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: QoS 1 messages a leaving member never acknowledged (in flight and queued) go to another member")
    void redeliversUnacknowledgedMessagesOfALeavingMemberToAnotherMember() {
        try (TestBroker broker = TestBroker.start();
                RawClient stays = Wire.connect5(broker, "stays");
                RawClient pub = Wire.connect5(broker, "pub")) {
            // Receive Maximum 2: two of the four messages are in flight, two wait in the session.
            RawClient leaves = Wire.connect5(broker, "leaves", property(Wire.RECEIVE_MAXIMUM, u16(2)));
            try (leaves) {
                assertThat(Wire.subscribe5(leaves, 1, NONE, sub("$share/g/rd/#", 1))).containsExactly(0x01);
                for (int i = 0; i < 4; i++) {
                    pub.send(Packets.publish5("rd/x", 1, false, i + 1, NONE, ("m" + i).getBytes()));
                    pub.expect(PacketType.PUBACK);
                }
                assertThat(Wire.readPublish(leaves, true).payloadText()).isEqualTo("m0");
                assertThat(Wire.readPublish(leaves, true).payloadText()).isEqualTo("m1");
                leaves.assertNothingReceived(Duration.ofMillis(100)); // the window is full
                // A second member joins; then the first drops its connection without acknowledging.
                assertThat(Wire.subscribe5(stays, 1, NONE, sub("$share/g/rd/#", 1))).containsExactly(0x01);
            }
            Set<String> payloads = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                Wire.Publish p = Wire.readPublish(stays, true);
                stays.send(Packets.puback(p.packetId()));
                payloads.add(p.payloadText());
            }
            assertThat(payloads).containsExactlyInAnyOrder("m0", "m1", "m2", "m3");
            stays.assertNothingReceived(QUIET);
        }
    }

    @Test
    @DisplayName("MQTT-4.8.2-3, MQTT-3.3.4-3: a message handed to another member carries that member's granted QoS and identifier")
    void redeliveredMessageFollowsTheNewMembersSubscription() {
        try (TestBroker broker = TestBroker.start();
                RawClient stays = Wire.connect5(broker, "stays");
                RawClient pub = Wire.connect5(broker, "pub")) {
            try (RawClient leaves = Wire.connect5(broker, "leaves")) {
                Wire.subscribe5(leaves, 1, Wire.subscriptionId(1), sub("$share/g/nm/#", 1));
                pub.send(Packets.publish5("nm/x", 1, false, 1, NONE, "m".getBytes())).expect(PacketType.PUBACK);
                Wire.Publish first = Wire.readPublish(leaves, true);
                assertThat(first.subscriptionIds()).containsExactly(1);
                Wire.subscribe5(stays, 1, Wire.subscriptionId(2), sub("$share/g/nm/#", 0));
            }
            Wire.Publish handed = Wire.readPublish(stays, true);
            assertThat(handed.payloadText()).isEqualTo("m");
            assertThat(handed.qos()).as("the receiving member was granted QoS 0").isZero();
            assertThat(handed.subscriptionIds()).as("the receiving member's identifier").containsExactly(2);
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: when a clean-start takeover ends a member's session, its unacknowledged messages go to another member")
    void redeliversUnacknowledgedMessagesWhenTheSessionIsTakenOverWithCleanStart() {
        try (TestBroker broker = TestBroker.start();
                RawClient stays = Wire.connect5(broker, "stays");
                RawClient pub = Wire.connect5(broker, "pub");
                RawClient old = Wire.connect5(broker, "member")) {
            Wire.subscribe5(old, 1, NONE, sub("$share/g/to/#", 1));
            pub.send(Packets.publish5("to/x", 1, false, 1, NONE, "m".getBytes())).expect(PacketType.PUBACK);
            assertThat(Wire.readPublish(old, true).payloadText()).isEqualTo("m");
            Wire.subscribe5(stays, 1, NONE, sub("$share/g/to/#", 1));
            // The same client id connects again with Clean Start: the old session, and its subscription, end.
            try (RawClient fresh = Wire.connect5(broker, "member")) {
                old.expectDisconnect(0x8e); // Session taken over (MQTT5 3.14.2.1)
                Wire.Publish handed = Wire.readPublish(stays, true);
                assertThat(handed.payloadText()).isEqualTo("m");
                fresh.assertNothingReceived(Duration.ofMillis(100));
            }
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: a persistent session's shared subscription survives a restart of a durable broker")
    void sharedSubscriptionOfPersistentSessionSurvivesRestart(@TempDir Path dir) {
        byte[] expiry = property(Wire.SESSION_EXPIRY_INTERVAL, Packets.u32(300));
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start();
                RawClient member = Wire.connect5(broker, "member", expiry)) {
            Wire.subscribe5(member, 1, Wire.subscriptionId(3), sub("$share/g/ps/#", 1));
        }
        try (TestBroker broker = TestBroker.builder().rocksDb(dir).start();
                RawClient member = RawClient.connect("127.0.0.1", broker.port());
                RawClient pub = Wire.connect5(broker, "pub")) {
            member.send(Packets.connect5("member", false, 60, expiry)).expectConnAck(0x00);
            pub.send(Packets.publish5("ps/x", 1, false, 1, NONE, "after".getBytes())).expect(PacketType.PUBACK);
            Wire.Publish got = Wire.readPublish(member, true);
            assertThat(got.payloadText()).isEqualTo("after");
            assertThat(got.qos()).isEqualTo(1);
            assertThat(got.subscriptionIds()).containsExactly(3);
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2, 3.3.1.3: retained messages are not sent when a shared subscription is made")
    void sendsNoRetainedMessagesOnSharedSubscription() {
        try (TestBroker broker = TestBroker.start();
                RawClient sub = Wire.connect5(broker, "sr");
                RawClient v3 = Wire.connect311(broker, "sr3");
                RawClient pub = Wire.connect5(broker, "pub")) {
            pub.send(Packets.publish5("sr/x", 1, true, 1, NONE, "kept".getBytes())).expect(PacketType.PUBACK);
            assertThat(Wire.subscribe5(sub, 1, NONE, sub("$share/g/sr/#", 1))).containsExactly(0x01);
            assertThat(Wire.subscribe311(v3, 1, sub("$share/g3/sr/+", 1))).containsExactly(0x01);
            sub.assertNothingReceived(QUIET);
            v3.assertNothingReceived(Duration.ofMillis(50));
            // The message is retained: an ordinary subscription gets it.
            Wire.subscribe5(sub, 2, NONE, sub("sr/#", 0));
            assertThat(Wire.readPublish(sub, true).payloadText()).isEqualTo("kept");
        }
    }

    @Test
    @DisplayName("MQTT-4.8.2-1, -2: empty share names, wildcards in them and missing filters get SUBACK 0x8F (3.1.1: 0x80)")
    void refusesInvalidShareNames() {
        try (TestBroker broker = TestBroker.start();
                RawClient v5 = Wire.connect5(broker, "bad5");
                RawClient v3 = Wire.connect311(broker, "bad3")) {
            assertThat(Wire.subscribe5(v5, 1, NONE, sub("$share//x", 0), sub("$share/a+b/x", 0), sub("$share/a#b/x", 0),
                    sub("$share/+/x", 0), sub("$share/g", 0), sub("$share/g/", 0), sub("$share/g/ok/+", 1)))
                    .containsExactly(0x8f, 0x8f, 0x8f, 0x8f, 0x8f, 0x8f, 0x01);
            assertThat(Wire.subscribe311(v3, 1, sub("$share//x", 0), sub("$share/g", 0), sub("$share/g/ok", 2)))
                    .containsExactly(0x80, 0x80, 0x02);
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: after a member unsubscribes, the remaining member gets every message")
    void unsubscribedMemberGetsNoMoreMessages() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.start();
                Hive stays = member(broker, "stays", "$share/u/us/x", 1, got);
                Hive goes = member(broker, "goes", "$share/u/us/x", 1, got);
                Hive pub = Hive.connect(broker, "pub")) {
            goes.client.unsubscribeWith().topicFilter("$share/u/us/x").send();
            for (int i = 0; i < 10; i++) {
                pub.publish("us/x", 1, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(countBy(take(got, 10))).containsOnlyKeys("stays");
        }
    }

    @Test
    @DisplayName("MQTT5 4.8.2: 3.1.1 clients (Paho v3) share a group with an MQTT 5 client (HiveMQ)")
    void sharesMessagesBetween311AndV5Members() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.start();
                Hive v5 = member(broker, "v5", "$share/mix/mx/#", 1, got);
                Hive pub = Hive.connect(broker, "pub")) {
            MqttClient p1 = pahoMember(broker, "p1", got);
            MqttClient p2 = pahoMember(broker, "p2", got);
            try {
                for (int i = 0; i < 30; i++) {
                    pub.publish("mx/a", 1, ("m" + i).getBytes(StandardCharsets.UTF_8));
                }
                List<Got> all = take(got, 30);
                assertThat(got.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
                assertThat(all).extracting(Got::payload).doesNotHaveDuplicates();
                assertThat(countBy(all)).containsOnlyKeys("v5", "p1", "p2");
            } finally {
                closePaho(p1);
                closePaho(p2);
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Hive member(TestBroker broker, String id, String filter, int qos, BlockingQueue<Got> sink)
            throws Exception {
        Hive h = Hive.connect(broker, id);
        try {
            return h.subscribe(filter, qos, (Mqtt5Publish p) -> sink.add(
                    new Got(id, new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.getQos().getCode())));
        } catch (Exception | AssertionError e) {
            h.close();
            throw e;
        }
    }

    private static MqttClient pahoMember(TestBroker broker, String id, BlockingQueue<Got> sink) throws Exception {
        MqttClient c = new MqttClient(broker.tcpUri(), id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // A client-wide callback, not a per-subscription listener: Paho matches incoming topics
        // against the filter to find the listener, and "mx/a" does not match "$share/mix/mx/#".
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage msg) {
                sink.add(new Got(id, new String(msg.getPayload(), StandardCharsets.UTF_8), msg.getQos()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        c.connect(o);
        c.subscribe("$share/mix/mx/#", 1);
        return c;
    }

    private static void closePaho(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(1000);
            }
            c.close();
        } catch (Exception ignored) {
            // best effort in cleanup
        }
    }

    /** Takes exactly n deliveries, failing if they do not all arrive within 10 s. */
    private static List<Got> take(BlockingQueue<Got> queue, int n) throws InterruptedException {
        List<Got> out = new ArrayList<>(n);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.size() < n) {
            Got g = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (g == null) {
                throw new AssertionError("only " + out.size() + " of " + n + " deliveries arrived: " + out);
            }
            out.add(g);
        }
        return out;
    }

    private static Map<String, Integer> countBy(List<Got> all) {
        Map<String, Integer> counts = new HashMap<>();
        for (Got g : all) {
            counts.merge(g.member(), 1, Integer::sum);
        }
        return counts;
    }
}
