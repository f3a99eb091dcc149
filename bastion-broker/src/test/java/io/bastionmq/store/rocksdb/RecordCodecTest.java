package io.bastionmq.store.rocksdb;

import static io.bastionmq.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.routing.Message;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.QueuedMessage.DeliveryState;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    @Test
    void everyRecordStartsWithTheFormatVersion() {
        assertThat(RecordCodec.encodeMessage(message("t", "p"))[0]).isEqualTo((byte) RecordCodec.VERSION);
        assertThat(RecordCodec.encodeQueued(queued(1, "p"))[0]).isEqualTo((byte) RecordCodec.VERSION);
        assertThat(RecordCodec.encodeSession(session("c", 1))[0]).isEqualTo((byte) RecordCodec.VERSION);
    }

    @Test
    void aSmallMessageStaysCompact() {
        // 1 version + 2 topic + 2 payload + 1 qos + 1 flags + 8 expiry + 1 origin + 3 empty property lists
        Message small = new Message("t", Payload.utf8("p"), QoS.AT_MOST_ONCE, false,
                Properties.EMPTY, Message.NO_EXPIRY, "");
        assertThat(RecordCodec.encodeMessage(small)).hasSize(19);
    }

    @Test
    void rejectsUnknownVersionsNamingTheRecord() {
        byte[] message = RecordCodec.encodeMessage(message("t", "p"));
        byte[] queued = RecordCodec.encodeQueued(queued(1, "p"));
        byte[] session = RecordCodec.encodeSession(session("c", 1));
        message[0] = queued[0] = session[0] = 2;

        assertThatThrownBy(() -> RecordCodec.decodeMessage(message)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Message record has unknown format version 2");
        assertThatThrownBy(() -> RecordCodec.decodeQueued(queued)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("QueuedMessage record has unknown format version 2");
        assertThatThrownBy(() -> RecordCodec.decodeSession(session)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SessionRecord record has unknown format version 2");
        assertThatThrownBy(() -> RecordCodec.decodeSession(new byte[0])).hasMessage("SessionRecord record is empty");
    }

    @Test
    void rejectsTruncatedAndOverlongRecords() {
        byte[] whole = RecordCodec.encodeQueued(new QueuedMessage(7, fullMessage("t"), QoS.AT_LEAST_ONCE, false,
                List.of(5), DeliveryState.SENT, 3));
        for (int length = 1; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> RecordCodec.decodeQueued(cut))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("QueuedMessage record is corrupt");
        }
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> RecordCodec.decodeQueued(longer)).hasMessageContaining("trailing bytes");
    }

    @Test
    void aValueTheWireTypeCannotCarryNeverReachesTheStore() {
        // Properties.Builder refuses it at the source (MQTT5 1.5.3: four unsigned bytes), so no
        // record can carry a value the codec would have to truncate.
        assertThatThrownBy(() -> Properties.builder().set(Property.MESSAGE_EXPIRY_INTERVAL, 1L << 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MESSAGE_EXPIRY_INTERVAL");
        Properties largest = Properties.builder().set(Property.MESSAGE_EXPIRY_INTERVAL, 0xFFFF_FFFFL).build();
        Message m = new Message("t", Payload.EMPTY, QoS.AT_MOST_ONCE, false, largest, 0, "");
        assertThat(RecordCodec.decodeMessage(RecordCodec.encodeMessage(m))).isEqualTo(m);
    }
}
