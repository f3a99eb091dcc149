package io.bastionmq.bench.run;

import java.time.Instant;

/**
 * What every bench payload starts with, so that the receiving side can measure latency and find
 * lost and duplicated messages without any state shared with the sender:
 *
 * <pre>
 *   bytes 0-3    publisher index (int, big-endian)
 *   bytes 4-11   sequence number of this message from that publisher, from 0 (long)
 *   bytes 12-19  send time in epoch nanoseconds (long)
 *   bytes 20-    zero padding up to the payload size
 * </pre>
 *
 * The send time is {@link System#nanoTime()} anchored once to the wall clock, so it is exact
 * within one process (the scenarios) and good to the clock's precision between a {@code pub} and
 * a {@code sub} process on the same machine.
 */
public record Stamp(int publisher, long sequence, long sentNanos) {
    public static final int SIZE = 20;

    private static final long BASE_NANO_TIME = System.nanoTime();
    private static final long BASE_EPOCH_NANOS = epochNanos(Instant.now());

    /** Now, in epoch nanoseconds, on a monotonic clock. */
    public static long now() {
        return BASE_EPOCH_NANOS + (System.nanoTime() - BASE_NANO_TIME);
    }

    /** A payload of {@code size} bytes (at least {@link #SIZE}) carrying this stamp. */
    public byte[] toPayload(int size) {
        byte[] bytes = new byte[size];
        putInt(bytes, 0, publisher);
        putLong(bytes, 4, sequence);
        putLong(bytes, 12, sentNanos);
        return bytes;
    }

    /** The stamp at the start of a payload; throws if the payload is too short to carry one. */
    public static Stamp read(byte[] payload) {
        if (payload.length < SIZE) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes carries no bench stamp");
        }
        return new Stamp((int) getLong(payload, 0, 4), getLong(payload, 4, 8), getLong(payload, 12, 8));
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static void putInt(byte[] b, int at, int value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    private static void putLong(byte[] b, int at, long value) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    private static long getLong(byte[] b, int at, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (b[at + i] & 0xFF);
        }
        return value;
    }
}
