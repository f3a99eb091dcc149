package io.bastionmq.it.durability;

import static io.bastionmq.it.durability.Wire.NO_PROPERTIES;
import static io.bastionmq.it.durability.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.it.transport.PublishBody;
import io.bastionmq.testkit.BrokerProcess;
import io.bastionmq.testkit.PacketType;
import io.bastionmq.testkit.Packets;
import io.bastionmq.testkit.RawClient;
import io.bastionmq.testkit.RawPacket;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker runs in its own JVM on RocksDB with fsync always and is SIGKILLed in the middle of a
 * stream of publishes; after a restart on the same data, nothing it acknowledged may be missing
 * and, for QoS 2, nothing may arrive twice (MQTT 4.3.2, 4.3.3, 4.4; docs/operations.md, crash safety).
 */
class CrashRecoveryIT {
    private static final int ACKS_BEFORE_KILL = 300;
    /** Publishes kept in flight by the streaming publisher, so that the kill lands mid-stream. */
    private static final int WINDOW = 16;
    /** Packet id = message number, so the stream stops before ids would wrap. */
    private static final int STREAM_LIMIT = 60_000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("QoS 1: every PUBACKed message reaches the offline persistent subscriber after a SIGKILL [MQTT-4.3.2, MQTT-3.1.2-4]")
    void deliversEveryAcknowledgedQos1MessageAfterKill() throws Exception {
        DurableBroker config = DurableBroker.in(dir);
        Stream stream;
        try (BrokerProcess broker = config.start()) {
            // A 3.1.1 persistent session (clean session 0) subscribed at QoS 1, then offline.
            try (RawClient sub = RawClient.connect("127.0.0.1", config.port())) {
                sub.send(Packets.connect311("sub1", false, 60)).expectConnAck(0x00);
                sub.send(Packets.subscribe311(1, "crash/q1", 1)).expect(PacketType.SUBACK);
                sub.send(Packets.disconnect311());
                sub.expectClosed();
            }
            RawClient pub = RawClient.connect("127.0.0.1", config.port());
            pub.send(Packets.connect5("pub1")).expectConnAck(0x00);
            stream = new Stream(pub, "crash/q1", 1);
            stream.runUntilKilled(broker);
        }
        assertThat(stream.acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (BrokerProcess broker = config.start();
                RawClient sub = RawClient.connect("127.0.0.1", config.port())) {
            RawPacket connack = sub.send(Packets.connect311("sub1", false, 60)).expectConnAck(0x00);
            assertThat(connack.sessionPresent()).as("session present after restart [MQTT-3.2.2-2]").isTrue();
            Set<Integer> received = new HashSet<>();
            while (!received.containsAll(stream.acknowledged)) {
                RawPacket p = sub.readPacket();
                if (p.type() == PacketType.PUBLISH) {
                    received.add(Integer.parseInt(PublishBody.payloadText(p, false)));
                    sub.send(Packets.puback(PublishBody.packetId(p)));
                }
            }
            assertThat(received).containsAll(stream.acknowledged);
        }
    }

    @Test
    @DisplayName("QoS 2: every message the broker PUBRECed, and every one resent after a SIGKILL, is delivered exactly once [MQTT-4.3.3, MQTT-4.4.0-1]")
    void deliversQos2MessagesExactlyOnceAcrossKill() throws Exception {
        DurableBroker config = DurableBroker.in(dir);
        Stream stream;
        try (BrokerProcess broker = config.start()) {
            try (RawClient sub = Wire.connectPersistent5(config.port(), "sub2", true, false)) {
                sub.send(Packets.subscribe5(1, "crash/q2", 2, NO_PROPERTIES)).expect(PacketType.SUBACK);
                sub.send(Packets.disconnect5(0x00));
                sub.expectClosed();
            }
            // A publisher whose PUBREC "got lost": the broker has the message, the client resends it.
            try (RawClient lost = Wire.connectPersistent5(config.port(), "lost", true, false)) {
                lost.send(Packets.publish5("crash/q2", 2, false, 7, NO_PROPERTIES, text("lost-pubrec")));
                assertThat(lost.expect(PacketType.PUBREC).reasonCode()).isEqualTo(0x00);
            }
            RawClient pub = Wire.connectPersistent5(config.port(), "pub2", true, false);
            stream = new Stream(pub, "crash/q2", 2);
            stream.runUntilKilled(broker);
        }
        assertThat(stream.acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (BrokerProcess broker = config.start()) {
            // MQTT-4.3.3-9/-10 (Method B): until PUBREL, a PUBLISH with the same packet id is
            // acknowledged with PUBREC again and MUST NOT be delivered twice.
            try (RawClient lost = Wire.connectPersistent5(config.port(), "lost", false, true)) {
                lost.send(Wire.withDup(Packets.publish5("crash/q2", 2, false, 7, NO_PROPERTIES, text("lost-pubrec"))));
                assertThat(lost.expect(PacketType.PUBREC).packetId()).isEqualTo(7);
                lost.send(Packets.pubrel(7));
                RawPacket pubcomp = lost.expect(PacketType.PUBCOMP);
                assertThat(pubcomp.packetId()).isEqualTo(7);
                assertThat(pubcomp.reasonCode()).isEqualTo(0x00);
            }
            // The streaming publisher resumes [MQTT-4.4.0-1]: PUBREL where it had a PUBREC, the PUBLISH
            // again (same packet id, DUP) where it had none.
            try (RawClient pub = Wire.connectPersistent5(config.port(), "pub2", false, true)) {
                stream.resumeQos2(pub);
            }
            try (RawClient sub = Wire.connectPersistent5(config.port(), "sub2", false, true)) {
                List<String> received = drainQos2(sub, stream.sent.size() + 1);
                Set<String> expected = stream.sent.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
                expected.add("lost-pubrec");
                Map<String, Long> counts = received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(counts.entrySet()).as("messages delivered more than once").noneMatch(e -> e.getValue() > 1);
                assertThat(counts.keySet()).as("every PUBRECed message").containsAll(
                        stream.acknowledged.stream().map(String::valueOf).toList());
                assertThat(counts.keySet()).as("every message, after the publisher resent its in-flight ones")
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    @DisplayName("QoS 2 subscriber online during the SIGKILL: completed messages are not redelivered, PUBRELs and unacknowledged PUBLISHes are [MQTT-4.4.0-1, MQTT-3.3.1-1]")
    void onlineQos2SubscriberGetsNoDuplicatesOfCompletedMessagesAfterKill() throws Exception {
        DurableBroker config = DurableBroker.in(dir);
        Map<Integer, Integer> numberById = new HashMap<>();
        try (BrokerProcess broker = config.start();
                RawClient sub = Wire.connectPersistent5(config.port(), "online", true, false);
                RawClient pub = RawClient.connect("127.0.0.1", config.port())) {
            sub.send(Packets.subscribe5(1, "crash/online", 2, NO_PROPERTIES)).expect(PacketType.SUBACK);
            pub.send(Packets.connect5("pub-online")).expectConnAck(0x00);
            for (int n = 1; n <= 20; n++) {
                pub.send(Packets.publish5("crash/online", 2, false, n, NO_PROPERTIES, text(Integer.toString(n))));
                pub.expect(PacketType.PUBREC);
                pub.send(Packets.pubrel(n));
                pub.expect(PacketType.PUBCOMP);
            }
            for (int i = 0; i < 20; i++) {
                RawPacket p = sub.expect(PacketType.PUBLISH);
                numberById.put(PublishBody.packetId(p), Integer.parseInt(PublishBody.payloadText(p, true)));
            }
            // 1-10 completed, 11-15 PUBRECed but PUBCOMP withheld, 16-20 PUBREC withheld.
            numberById.forEach((id, n) -> {
                if (n <= 15) {
                    sub.send(Packets.pubrec(id));
                }
            });
            for (int i = 0; i < 15; i++) {
                int id = sub.expect(PacketType.PUBREL).packetId();
                if (numberById.get(id) <= 10) {
                    sub.send(Packets.pubcomp(id));
                }
            }
            sub.send(Packets.pingreq()).expect(PacketType.PINGRESP);
            broker.kill();
        }

        try (BrokerProcess broker = config.start();
                RawClient sub = Wire.connectPersistent5(config.port(), "online", false, true)) {
            Set<Integer> redelivered = new TreeSet<>();
            Set<Integer> released = new TreeSet<>();
            while (!(redelivered.containsAll(range(16, 20)) && released.containsAll(range(11, 20)))) {
                handle(sub.readPacket(), sub, numberById, redelivered, released);
            }
            RawPacket late;
            while ((late = Wire.poll(sub, Duration.ofMillis(700))) != null) {
                handle(late, sub, numberById, redelivered, released);
            }
            assertThat(released).as("PUBREL resent for PUBRECed messages [MQTT-4.4.0-1]").containsAll(range(11, 15));
        }
    }

    /** Handles one packet after the restart; fails on any PUBLISH of a message the subscriber already PUBRECed. */
    private static void handle(RawPacket p, RawClient sub, Map<Integer, Integer> numberById,
            Set<Integer> redelivered, Set<Integer> released) {
        switch (p.type()) {
            case PacketType.PUBLISH -> {
                int n = Integer.parseInt(PublishBody.payloadText(p, true));
                assertThat(n).as("redelivered PUBLISH %s: only messages never PUBRECed may come again", p).isGreaterThan(15);
                assertThat(p.dup()).as("DUP on a re-delivery attempt [MQTT-3.3.1-1]: %s", p).isTrue();
                assertThat(redelivered.add(n)).as("message %d redelivered twice", n).isTrue();
                numberById.put(PublishBody.packetId(p), n);
                sub.send(Packets.pubrec(PublishBody.packetId(p)));
            }
            case PacketType.PUBREL -> {
                released.add(numberById.get(p.packetId()));
                sub.send(Packets.pubcomp(p.packetId()));
            }
            default -> throw new AssertionError("unexpected " + p);
        }
    }

    @Test
    @DisplayName("Retained messages and subscriptions of persistent sessions survive a SIGKILL")
    void keepsRetainedMessagesAndSubscriptionsAcrossKill() throws Exception {
        DurableBroker config = DurableBroker.in(dir);
        try (BrokerProcess broker = config.start()) {
            try (RawClient keeper = Wire.connectPersistent5(config.port(), "keeper", true, false)) {
                keeper.send(Packets.subscribe5(1, "crash/live/#", 1, NO_PROPERTIES)).expect(PacketType.SUBACK);
                keeper.send(Packets.disconnect5(0x00));
                keeper.expectClosed();
            }
            try (RawClient pub = RawClient.connect("127.0.0.1", config.port())) {
                pub.send(Packets.connect5("retainer")).expectConnAck(0x00);
                pub.send(Packets.publish5("crash/retained", 1, true, 1, NO_PROPERTIES, text("kept")));
                pub.expect(PacketType.PUBACK);
            }
            broker.kill();
        }
        try (BrokerProcess broker = config.start();
                RawClient fresh = RawClient.connect("127.0.0.1", config.port());
                RawClient keeper = Wire.connectPersistent5(config.port(), "keeper", false, true);
                RawClient pub = RawClient.connect("127.0.0.1", config.port())) {
            fresh.send(Packets.connect5("fresh")).expectConnAck(0x00);
            fresh.send(Packets.subscribe5(1, "crash/retained", 1, NO_PROPERTIES)).expect(PacketType.SUBACK);
            RawPacket retained = fresh.expect(PacketType.PUBLISH);
            assertThat(retained.retain()).as("retain flag on a retained message [MQTT-3.3.1-9]").isTrue();
            assertThat(PublishBody.payloadText(retained, true)).isEqualTo("kept");

            pub.send(Packets.connect5("after")).expectConnAck(0x00);
            pub.send(Packets.publish5("crash/live/x", 1, false, 1, NO_PROPERTIES, text("still subscribed")));
            assertThat(pub.expect(PacketType.PUBACK).reasonCode()).as("a subscriber matches").isEqualTo(0x00);
            RawPacket delivered = keeper.expect(PacketType.PUBLISH);
            assertThat(delivered.topic()).isEqualTo("crash/live/x");
            assertThat(PublishBody.payloadText(delivered, true)).isEqualTo("still subscribed");
        }
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> s = new TreeSet<>();
        for (int i = from; i <= to; i++) {
            s.add(i);
        }
        return s;
    }

    /** Drains an offline QoS 2 subscriber until {@code expected} messages arrived and nothing more comes. */
    private static List<String> drainQos2(RawClient sub, int expected) {
        List<String> received = new ArrayList<>();
        RawPacket p;
        while ((p = received.size() < expected ? sub.readPacket() : Wire.poll(sub, Duration.ofMillis(700))) != null) {
            if (p.type() == PacketType.PUBLISH) {
                received.add(PublishBody.payloadText(p, true));
                sub.send(Packets.pubrec(PublishBody.packetId(p)));
            } else if (p.type() == PacketType.PUBREL) {
                sub.send(Packets.pubcomp(p.packetId()));
            } else {
                throw new AssertionError("unexpected " + p);
            }
        }
        return received;
    }

    /**
     * A publisher sending numbered messages (payload = number, packet id = number) as fast as the
     * broker acknowledges them, keeping {@link #WINDOW} in flight, until the connection dies. For
     * QoS 1 a message counts as acknowledged on PUBACK; for QoS 2 on PUBREC (MQTT-4.3.3: from then
     * on the broker owns it).
     */
    private static final class Stream {
        final RawClient client;
        final String topic;
        final int qos;
        final Set<Integer> sent = ConcurrentHashMap.newKeySet();
        final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        final Set<Integer> completed = ConcurrentHashMap.newKeySet();
        final CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_KILL);

        Stream(RawClient client, String topic, int qos) {
            this.client = client;
            this.topic = topic;
            this.qos = qos;
        }

        void runUntilKilled(BrokerProcess broker) throws InterruptedException {
            Thread publisher = Thread.ofPlatform().name("stream-" + topic).start(this::publish);
            try {
                assertThat(enoughAcks.await(20, TimeUnit.SECONDS)).as("%d acknowledgements", ACKS_BEFORE_KILL).isTrue();
                broker.kill();
                publisher.join(Duration.ofSeconds(10));
                assertThat(publisher.isAlive()).as("publisher sees the connection die").isFalse();
            } finally {
                client.close();
            }
        }

        private void publish() {
            int next = 1;
            try {
                while (true) {
                    while (next <= STREAM_LIMIT && sent.size() - completed.size() < WINDOW) {
                        // Counted as sent before the write: bytes may reach the broker even if the write fails.
                        sent.add(next);
                        client.send(Packets.publish5(topic, qos, false, next, NO_PROPERTIES, text(Integer.toString(next))));
                        next++;
                    }
                    RawPacket p = client.readPacket();
                    int n = p.packetId();
                    switch (p.type()) {
                        case PacketType.PUBACK -> {
                            assertThat(p.reasonCode()).as("PUBACK of %d", n).isEqualTo(0x00);
                            acknowledged.add(n);
                            completed.add(n);
                            enoughAcks.countDown();
                        }
                        case PacketType.PUBREC -> {
                            assertThat(p.reasonCode()).as("PUBREC of %d", n).isEqualTo(0x00);
                            acknowledged.add(n);
                            enoughAcks.countDown();
                            client.send(Packets.pubrel(n));
                        }
                        case PacketType.PUBCOMP -> completed.add(n);
                        default -> throw new AssertionError("unexpected " + p);
                    }
                }
            } catch (UncheckedIOException | AssertionError connectionDied) {
                // The broker was killed: what is in the sets is what the publisher knows.
            }
        }

        /** After the restart: completes every QoS 2 message the killed connection left in flight. */
        void resumeQos2(RawClient pub) {
            Set<Integer> open = new TreeSet<>(sent);
            open.removeAll(completed);
            Set<Integer> released = new HashSet<>();
            for (int n : open) {
                if (acknowledged.contains(n)) {
                    pub.send(Packets.pubrel(n));
                    released.add(n);
                } else {
                    pub.send(Wire.withDup(Packets.publish5(topic, 2, false, n, NO_PROPERTIES, text(Integer.toString(n)))));
                }
            }
            while (!completed.containsAll(open)) {
                RawPacket p = pub.readPacket();
                int n = p.packetId();
                switch (p.type()) {
                    case PacketType.PUBREC -> {
                        assertThat(p.reasonCode()).as("PUBREC of resent %d", n).isEqualTo(0x00);
                        acknowledged.add(n);
                        if (released.add(n)) {
                            pub.send(Packets.pubrel(n));
                        }
                    }
                    case PacketType.PUBCOMP -> {
                        // 0x92 when the broker had already released it and the PUBCOMP was lost in the
                        // kill: "not an error during recovery" (MQTT5 3.7.2.1). Delivery is checked below.
                        assertThat(p.reasonCode()).as("PUBCOMP of %d after restart", n).isIn(0x00, 0x92);
                        completed.add(n);
                    }
                    default -> throw new AssertionError("unexpected " + p);
                }
            }
        }
    }
}
