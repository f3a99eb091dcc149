package io.bastionmq.store.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Primitive reads matching {@link RecordWriter}. Reading past the end throws
 * {@link java.nio.BufferUnderflowException}, which {@link RecordCodec} reports as a corrupt record.
 */
final class RecordReader {
    private final ByteBuffer in;

    RecordReader(byte[] record) {
        this.in = ByteBuffer.wrap(record);
    }

    int byte8() {
        return in.get() & 0xFF;
    }

    int short16() {
        return in.getShort() & 0xFFFF;
    }

    int int32() {
        return in.getInt();
    }

    long long64() {
        return in.getLong();
    }

    int varint() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = byte8();
            if (shift == 28 && (b & 0x70) != 0) {
                // Bits that would fall off the top of an int: a corrupt length, not a huge one.
                throw new IllegalStateException("varint out of range");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("varint longer than 5 bytes");
    }

    byte[] bytes() {
        int length = varint();
        if (length > in.remaining()) {
            // Checked before allocating, so a corrupt length cannot make us allocate gigabytes.
            throw new IllegalStateException("length " + length + " exceeds the " + in.remaining() + " bytes left");
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    boolean hasRemaining() {
        return in.hasRemaining();
    }
}
