package io.bastionmq.store.rocksdb;

import io.bastionmq.routing.Message;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.SessionRecord;
import io.bastionmq.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Collects writes as plain Java operations with keys and values already encoded. Encoding here,
 * on the caller's thread, spreads serialization over the event loops instead of the single
 * committer, and a bad value fails at the call that added it. No native memory is held, so a batch
 * that is built and dropped leaks nothing.
 */
final class RocksDbBatch implements Store.Batch {
    private static final byte[] EMPTY = new byte[0];

    private final List<Op> ops = new ArrayList<>();

    @Override
    public Store.Batch putSession(SessionRecord session) {
        ops.add(new Put(Family.SESSIONS, Keys.utf8(session.clientId()), RecordCodec.encodeSession(session)));
        return this;
    }

    @Override
    public Store.Batch deleteSession(String clientId) {
        byte[] prefix = Keys.clientPrefix(clientId);
        byte[] end = Keys.clientPrefixEnd(prefix);
        ops.add(new Delete(Family.SESSIONS, Keys.utf8(clientId)));
        ops.add(new DeleteRange(Family.QUEUE, prefix, end));
        ops.add(new DeleteRange(Family.INBOUND_QOS2, prefix, end));
        return this;
    }

    @Override
    public Store.Batch putQueued(String clientId, QueuedMessage message) {
        ops.add(new Put(Family.QUEUE, Keys.queue(clientId, message.seq()), RecordCodec.encodeQueued(message)));
        return this;
    }

    @Override
    public Store.Batch removeQueued(String clientId, long seq) {
        ops.add(new Delete(Family.QUEUE, Keys.queue(clientId, seq)));
        return this;
    }

    @Override
    public Store.Batch addInboundQos2(String clientId, int packetId) {
        ops.add(new Put(Family.INBOUND_QOS2, Keys.inboundQos2(clientId, packetId), EMPTY));
        return this;
    }

    @Override
    public Store.Batch removeInboundQos2(String clientId, int packetId) {
        ops.add(new Delete(Family.INBOUND_QOS2, Keys.inboundQos2(clientId, packetId)));
        return this;
    }

    @Override
    public Store.Batch putRetained(Message message) {
        ops.add(new Put(Family.RETAINED, Keys.utf8(message.topic()), RecordCodec.encodeMessage(message)));
        return this;
    }

    @Override
    public Store.Batch removeRetained(String topic) {
        ops.add(new Delete(Family.RETAINED, Keys.utf8(topic)));
        return this;
    }

    @Override
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** An immutable copy, so the caller may keep using (or misusing) this batch after commit. */
    List<Op> snapshot() {
        return List.copyOf(ops);
    }

    /** One write, replayed into the group's {@link WriteBatch} by the committer. */
    sealed interface Op {
        void applyTo(WriteBatch batch, Function<Family, ColumnFamilyHandle> handles) throws RocksDBException;
    }

    record Put(Family family, byte[] key, byte[] value) implements Op {
        @Override
        public void applyTo(WriteBatch batch, Function<Family, ColumnFamilyHandle> handles) throws RocksDBException {
            batch.put(handles.apply(family), key, value);
        }
    }

    record Delete(Family family, byte[] key) implements Op {
        @Override
        public void applyTo(WriteBatch batch, Function<Family, ColumnFamilyHandle> handles) throws RocksDBException {
            batch.delete(handles.apply(family), key);
        }
    }

    record DeleteRange(Family family, byte[] from, byte[] to) implements Op {
        @Override
        public void applyTo(WriteBatch batch, Function<Family, ColumnFamilyHandle> handles) throws RocksDBException {
            batch.deleteRange(handles.apply(family), from, to);
        }
    }
}
