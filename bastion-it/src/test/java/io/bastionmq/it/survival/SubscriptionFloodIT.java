package io.bastionmq.it.survival;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.testkit.Packets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscription flood: one MQTT 5 client sends SUBSCRIBE packets of 100 distinct filters each,
 * pipelined, 5,000 filters in all, against the default {@code max_subscriptions_per_client} (1000).
 * Exactly 1000 are granted, every other one is refused with SUBACK 0x97 (quota exceeded), and the
 * reference client is unaffected.
 */
@Timeout(60)
class SubscriptionFloodIT {
    static final int PACKETS = 50;
    static final int FILTERS_PER_PACKET = 100;
    static final int MAX_SUBSCRIPTIONS = 1000;

    @TempDir
    Path dir;

    @Test
    void subscriptionsPastTheQuotaAreRefusedWithQuotaExceeded() throws Exception {
        try (SurvivalBroker.Started broker = SurvivalBroker.start(dir, "");
                ReferenceClient reference = ReferenceClient.connect(broker.port())) {
            reference.measure(Duration.ofSeconds(1), PublishFloodIT.REFERENCE_RATE, Duration.ofSeconds(5)); // warm-up
            ReferenceClient.Stats quiet = reference.measure(Duration.ofSeconds(2), PublishFloodIT.REFERENCE_RATE,
                    Duration.ofSeconds(5));
            long heapBefore = BrokerMemory.heapUsedAfterGcKiB(broker.pid());
            long rssBefore = BrokerMemory.rssKiB(broker.pid());

            Socket s = Sockets.open(Sockets.source(0), broker.port(), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(Packets.connect5("sub-flood"));
            Sockets.Packet connack = Sockets.await(in, 2);
            assertThat(connack.body()[1]).as("CONNACK reason").isZero();

            CompletableFuture<ReferenceClient.Stats> during = CompletableFuture.supplyAsync(() ->
                    reference.measure(Duration.ofSeconds(3), PublishFloodIT.REFERENCE_RATE, Duration.ofSeconds(10)));
            long start = System.nanoTime();
            Thread writer = Thread.ofPlatform().daemon().name("sub-flood-write").start(() -> {
                try {
                    for (int p = 0; p < PACKETS; p++) {
                        out.write(subscribe(p + 1, p));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("subscription flooder cut off", e);
                }
            });
            Map<Integer, Integer> codes = new TreeMap<>();
            for (int p = 0; p < PACKETS; p++) {
                Sockets.Packet suback = Sockets.await(in, 9);
                byte[] body = suback.body();
                int at = 2;
                int propertiesLength = 0;
                for (int shift = 0; ; shift += 7) {
                    int b = body[at++] & 0xff;
                    propertiesLength |= (b & 0x7f) << shift;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
                for (int i = at + propertiesLength; i < body.length; i++) {
                    codes.merge(body[i] & 0xff, 1, Integer::sum);
                }
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            writer.join(Duration.ofSeconds(5));
            ReferenceClient.Stats flood = during.get(30, TimeUnit.SECONDS);
            s.close();
            long heapAfter = BrokerMemory.heapUsedAfterGcKiB(broker.pid());
            long rssAfter = BrokerMemory.rssKiB(broker.pid());

            System.out.printf("SURVIVAL subscription flood: %d filters in %d SUBSCRIBE packets answered in %d ms; "
                    + "reason codes (code=count) %s%n", PACKETS * FILTERS_PER_PACKET, PACKETS, elapsedMillis, codes);
            System.out.println("SURVIVAL subscription flood: reference quiet " + quiet);
            System.out.println("SURVIVAL subscription flood: reference flood " + flood);
            System.out.printf("SURVIVAL subscription flood: broker heap after GC before %s, after %s; RSS before %s,"
                    + " after %s%n", BrokerMemory.mib(heapBefore), BrokerMemory.mib(heapAfter),
                    BrokerMemory.mib(rssBefore), BrokerMemory.mib(rssAfter));

            assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of(
                    0x01, MAX_SUBSCRIPTIONS, 0x97, PACKETS * FILTERS_PER_PACKET - MAX_SUBSCRIPTIONS));
            assertThat(flood.lost()).as("reference messages lost during the flood").isZero();
            assertThat(flood.p99Millis()).as("reference p99 (ms)").isLessThan(PublishFloodIT.P99_BOUND_MILLIS);
            assertThat(heapAfter - heapBefore).as("heap growth after GC (KiB)").isLessThan(64 * 1024);
            assertThat(rssAfter).as("broker RSS (KiB)").isLessThan(PublishFloodIT.RSS_BOUND_KIB);
        }
    }

    /** MQTT 5 SUBSCRIBE with {@value #FILTERS_PER_PACKET} distinct filters, QoS 1 each, no properties. */
    private static byte[] subscribe(int packetId, int packetIndex) {
        ByteArrayOutputStream filters = new ByteArrayOutputStream();
        for (int f = 0; f < FILTERS_PER_PACKET; f++) {
            filters.writeBytes(Packets.utf8("sub-flood/" + packetIndex + "/" + f + "/+"));
            filters.write(1);
        }
        return Packets.packet(0x82, Packets.u16(packetId), Packets.properties(new byte[0]), filters.toByteArray());
    }
}
