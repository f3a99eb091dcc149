package io.bastionmq.it.survival;

import io.bastionmq.testkit.Packets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The well-behaved client: a publisher and a subscriber (MQTT 3.1.1, from 127.0.0.1) doing QoS 1
 * round trips on a topic of their own at a modest, paced rate. Each payload carries its sequence
 * number and the {@link System#nanoTime} it was sent at; the subscriber acknowledges every message
 * and records the latency.
 */
final class ReferenceClient implements AutoCloseable {
    static final String TOPIC = "reference/rtt";

    private final Socket pub;
    private final Socket sub;
    private final OutputStream subOut;
    private final Thread subReader;
    private final Thread pubReader;
    /** sequence -> latency in nanoseconds, for every message received. */
    private final ConcurrentHashMap<Long, Long> received = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long nextSeq;

    private ReferenceClient(Socket pub, Socket sub) throws IOException {
        this.pub = pub;
        this.sub = sub;
        this.subOut = sub.getOutputStream();
        InputStream subIn = sub.getInputStream();
        subReader = Thread.ofPlatform().daemon().name("reference-sub").start(() -> readSubscriber(subIn));
        InputStream pubIn = pub.getInputStream();
        pubReader = Thread.ofPlatform().daemon().name("reference-pub").start(() -> drain(pubIn));
    }

    static ReferenceClient connect(int port) {
        try {
            InetAddress local = InetAddress.getLoopbackAddress();
            Socket sub = Sockets.open(local, port, 5_000);
            sub.setSoTimeout(10_000);
            sub.getOutputStream().write(Packets.connect311("reference-sub", true, 60));
            expectConnAckAccepted(Sockets.await(sub.getInputStream(), 2));
            sub.getOutputStream().write(Packets.subscribe311(1, TOPIC, 1));
            Sockets.Packet suback = Sockets.await(sub.getInputStream(), 9);
            if (suback.body()[2] != 1) {
                throw new AssertionError("reference subscription not granted QoS 1: " + suback.body()[2]);
            }
            sub.setSoTimeout(0);
            Socket pub = Sockets.open(local, port, 5_000);
            pub.setSoTimeout(10_000);
            pub.getOutputStream().write(Packets.connect311("reference-pub", true, 60));
            expectConnAckAccepted(Sockets.await(pub.getInputStream(), 2));
            pub.setSoTimeout(0);
            return new ReferenceClient(pub, sub);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expectConnAckAccepted(Sockets.Packet connack) {
        if (connack.body()[1] != 0) {
            throw new AssertionError("reference client refused: CONNACK return code " + connack.body()[1]);
        }
    }

    /**
     * Publishes {@code ratePerSecond} QoS 1 messages for {@code duration}, then waits up to
     * {@code drain} for the last ones; returns the phase's figures.
     */
    Stats measure(Duration duration, int ratePerSecond, Duration drain) {
        long first = nextSeq;
        long periodNanos = 1_000_000_000L / ratePerSecond;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            OutputStream out = pub.getOutputStream();
            for (long slot = start; slot < end; slot += periodNanos) {
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing to the target rate, not synchronisation
                }
                long seq = nextSeq++;
                byte[] payload = ByteBuffer.allocate(16).putLong(seq).putLong(System.nanoTime()).array();
                out.write(Packets.publish311(TOPIC, 1, false, (int) (seq % 65535) + 1, payload));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reference publisher", e);
        }
        long sentUpTo = nextSeq;
        long drainDeadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < drainDeadline && countBetween(first, sentUpTo) < sentUpTo - first
                && failure.get() == null) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // bounded poll of the receiver's progress
        }
        if (failure.get() != null) {
            throw new AssertionError("reference client failed", failure.get());
        }
        List<Long> latencies = new ArrayList<>();
        for (long s = first; s < sentUpTo; s++) {
            Long l = received.get(s);
            if (l != null) {
                latencies.add(l);
            }
        }
        Collections.sort(latencies);
        return new Stats(sentUpTo - first, latencies.size(), percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies.isEmpty() ? 0 : latencies.getLast() / 1_000_000.0);
    }

    private long countBetween(long from, long to) {
        long n = 0;
        for (long s = from; s < to; s++) {
            if (received.containsKey(s)) {
                n++;
            }
        }
        return n;
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000.0;
    }

    private void readSubscriber(InputStream in) {
        try {
            while (true) {
                Sockets.Packet p = Sockets.read(in);
                if (p.type() != 3) {
                    continue;
                }
                long now = System.nanoTime();
                ByteBuffer body = ByteBuffer.wrap(p.body());
                int topicLength = body.getShort() & 0xffff;
                body.position(2 + topicLength);
                int qos = (p.header() >> 1) & 3;
                int packetId = qos > 0 ? body.getShort() & 0xffff : 0;
                long seq = body.getLong();
                long sentAt = body.getLong();
                received.put(seq, now - sentAt);
                if (qos == 1) {
                    synchronized (subOut) {
                        subOut.write(Packets.puback(packetId));
                    }
                }
            }
        } catch (IOException e) {
            if (!sub.isClosed()) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private void drain(InputStream in) {
        try {
            while (true) {
                Sockets.read(in);
            }
        } catch (IOException e) {
            if (!pub.isClosed()) {
                failure.compareAndSet(null, e);
            }
        }
    }

    @Override
    public void close() {
        Sockets.closeQuietly(pub);
        Sockets.closeQuietly(sub);
        try {
            subReader.join(Duration.ofSeconds(5));
            pubReader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One phase: messages sent and received, latency percentiles and maximum in milliseconds. */
    record Stats(long sent, long received, double p50Millis, double p99Millis, double maxMillis) {
        long lost() {
            return sent - received;
        }

        @Override
        public String toString() {
            return String.format("sent %d, received %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                    sent, received, p50Millis, p99Millis, maxMillis);
        }
    }
}
