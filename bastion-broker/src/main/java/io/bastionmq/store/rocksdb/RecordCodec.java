package io.bastionmq.store.rocksdb;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.RetainHandling;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.routing.Message;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.QueuedMessage.DeliveryState;
import io.bastionmq.store.SessionRecord;
import io.bastionmq.store.SessionRecord.StoredSubscription;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The on-disk format of the stored records. Every record starts with a format version byte, so a
 * later broker can read old data and an older broker refuses newer data instead of misreading it.
 *
 * <pre>
 * Message        1 | topic | payload | qos:1 | flags:1 (bit 0 retain) | expiresAt:8 | origin | properties
 * QueuedMessage  1 | seq:8 | qos:1 | flags:1 (bit 0 retain) | state:1 | packetId:2
 *                  | varint n, n × subscriptionId varint | message (as above, without its version byte)
 * SessionRecord  1 | clientId | protocolLevel:1 | expiryInterval:8 | disconnectedAt:8
 *                  | varint n, n × ( filter | options:1 | subscriptionId varint )
 * </pre>
 *
 * Strings and byte arrays are a varint length then the bytes (see {@link RecordWriter}); properties
 * are laid out in {@link PropertiesCodec}. Subscription options use the SUBSCRIBE options byte
 * layout (MQTT5 3.8.3.1): bits 0-1 max QoS, bit 2 no local, bit 3 retain as published,
 * bits 4-5 retain handling. Enums are stored by their spec value, never by ordinal.
 */
public final class RecordCodec {
    static final int VERSION = 1;

    private RecordCodec() {}

    public static byte[] encodeMessage(Message m) {
        RecordWriter out = new RecordWriter().byte8(VERSION);
        writeMessage(out, m);
        return out.toByteArray();
    }

    public static Message decodeMessage(byte[] record) {
        return decode("Message", record, RecordCodec::readMessage);
    }

    public static byte[] encodeQueued(QueuedMessage q) {
        RecordWriter out = new RecordWriter().byte8(VERSION);
        out.long64(q.seq()).byte8(q.qos().value()).byte8(q.retain() ? 1 : 0)
                .byte8(stateCode(q.state())).short16(q.packetId());
        out.varint(q.subscriptionIds().size());
        q.subscriptionIds().forEach(out::varint);
        writeMessage(out, q.message());
        return out.toByteArray();
    }

    public static QueuedMessage decodeQueued(byte[] record) {
        return decode("QueuedMessage", record, in -> {
            long seq = in.long64();
            QoS qos = qos(in.byte8());
            boolean retain = (in.byte8() & 1) != 0;
            DeliveryState state = state(in.byte8());
            int packetId = in.short16();
            int n = in.varint();
            List<Integer> ids = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
                ids.add(in.varint());
            }
            return new QueuedMessage(seq, readMessage(in), qos, retain, ids, state, packetId);
        });
    }

    public static byte[] encodeSession(SessionRecord s) {
        RecordWriter out = new RecordWriter().byte8(VERSION);
        out.string(s.clientId()).byte8(s.version().level())
                .long64(s.expiryIntervalSeconds()).long64(s.disconnectedAtMillis());
        out.varint(s.subscriptions().size());
        for (StoredSubscription stored : s.subscriptions()) {
            Subscription sub = stored.subscription();
            int options = sub.maxQos().value()
                    | (sub.noLocal() ? 0x04 : 0)
                    | (sub.retainAsPublished() ? 0x08 : 0)
                    | sub.retainHandling().value() << 4;
            out.string(sub.filter()).byte8(options).varint(stored.subscriptionId());
        }
        return out.toByteArray();
    }

    public static SessionRecord decodeSession(byte[] record) {
        return decode("SessionRecord", record, in -> {
            String clientId = in.string();
            MqttVersion version = version(in.byte8());
            long expiry = in.long64();
            long disconnectedAt = in.long64();
            int n = in.varint();
            List<StoredSubscription> subs = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
                String filter = in.string();
                int options = in.byte8();
                RetainHandling handling = RetainHandling.fromValue(options >> 4 & 0x03);
                if (handling == null) {
                    throw new IllegalStateException("bad retain handling in options 0x" + Integer.toHexString(options));
                }
                Subscription sub = new Subscription(filter, qos(options & 0x03),
                        (options & 0x04) != 0, (options & 0x08) != 0, handling);
                subs.add(new StoredSubscription(sub, in.varint()));
            }
            return new SessionRecord(clientId, version, expiry, disconnectedAt, subs);
        });
    }

    private static void writeMessage(RecordWriter out, Message m) {
        out.string(m.topic()).bytes(m.payload().toByteArray())
                .byte8(m.qos().value()).byte8(m.retain() ? 1 : 0)
                .long64(m.expiresAtMillis()).string(m.originClientId());
        PropertiesCodec.write(out, m.properties());
    }

    private static Message readMessage(RecordReader in) {
        String topic = in.string();
        Payload payload = Payload.wrap(in.bytes());
        QoS qos = qos(in.byte8());
        boolean retain = (in.byte8() & 1) != 0;
        long expiresAt = in.long64();
        String origin = in.string();
        return new Message(topic, payload, qos, retain, PropertiesCodec.read(in), expiresAt, origin);
    }

    /**
     * Checks the version byte, decodes, and turns every way a damaged record can fail into one
     * {@link IllegalStateException} that names the record type, so the operator learns which data is bad.
     */
    private static <T> T decode(String recordName, byte[] record, Function<RecordReader, T> body) {
        if (record.length == 0) {
            throw new IllegalStateException(recordName + " record is empty");
        }
        int version = record[0] & 0xFF;
        if (version != VERSION) {
            throw new IllegalStateException(recordName + " record has unknown format version " + version
                    + "; this broker reads version " + VERSION + " (data written by a newer broker, or corrupt)");
        }
        RecordReader in = new RecordReader(record);
        in.byte8();
        T value;
        try {
            value = body.apply(in);
        } catch (BufferUnderflowException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException(recordName + " record is corrupt: " + e, e);
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException(recordName + " record is corrupt: trailing bytes");
        }
        return value;
    }

    private static int stateCode(DeliveryState state) {
        return switch (state) {
            case QUEUED -> 0;
            case SENT -> 1;
            case RELEASED -> 2;
        };
    }

    private static DeliveryState state(int code) {
        return switch (code) {
            case 0 -> DeliveryState.QUEUED;
            case 1 -> DeliveryState.SENT;
            case 2 -> DeliveryState.RELEASED;
            default -> throw new IllegalStateException("unknown delivery state " + code);
        };
    }

    private static QoS qos(int value) {
        QoS qos = QoS.fromValue(value);
        if (qos == null) {
            throw new IllegalStateException("bad QoS " + value);
        }
        return qos;
    }

    private static MqttVersion version(int level) {
        for (MqttVersion v : MqttVersion.values()) {
            if (v.level() == level) {
                return v;
            }
        }
        throw new IllegalStateException("unknown protocol level " + level);
    }
}
