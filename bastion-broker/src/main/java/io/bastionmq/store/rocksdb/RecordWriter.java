package io.bastionmq.store.rocksdb;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Primitive writes for {@link RecordCodec}. Lengths and counts are unsigned varints (7 bits per
 * byte, low group first, high bit = more follows), so the common short string costs one length byte.
 * Strings are real UTF-8, not the modified UTF-8 of {@link DataOutputStream#writeUTF}.
 */
final class RecordWriter {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
    private final DataOutputStream out = new DataOutputStream(buffer);

    RecordWriter byte8(int value) {
        return io(() -> out.writeByte(value));
    }

    RecordWriter short16(int value) {
        return io(() -> out.writeShort(value));
    }

    RecordWriter int32(int value) {
        return io(() -> out.writeInt(value));
    }

    RecordWriter long64(long value) {
        return io(() -> out.writeLong(value));
    }

    RecordWriter varint(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint " + value);
        }
        int v = value;
        while ((v & ~0x7F) != 0) {
            byte8((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        return byte8(v);
    }

    RecordWriter bytes(byte[] value) {
        varint(value.length);
        return io(() -> out.write(value));
    }

    RecordWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return buffer.toByteArray();
    }

    private RecordWriter io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            // A ByteArrayOutputStream never throws; the signature of DataOutputStream forces the catch.
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
