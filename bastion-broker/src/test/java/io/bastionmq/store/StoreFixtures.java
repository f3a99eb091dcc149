package io.bastionmq.store;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.RetainHandling;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.routing.Message;
import io.bastionmq.store.QueuedMessage.DeliveryState;
import io.bastionmq.store.SessionRecord.StoredSubscription;
import java.util.List;

/** Records for store tests. */
public final class StoreFixtures {
    private StoreFixtures() {}

    public static Message message(String topic, String payload) {
        return new Message(topic, Payload.utf8(payload), QoS.AT_LEAST_ONCE, false, Properties.EMPTY, Message.NO_EXPIRY, "publisher");
    }

    public static QueuedMessage queued(long seq, String payload) {
        return new QueuedMessage(seq, message("t/" + seq, payload), QoS.AT_LEAST_ONCE, false, List.of(), DeliveryState.QUEUED, 0);
    }

    public static SessionRecord session(String clientId, long expiry) {
        return new SessionRecord(clientId, MqttVersion.V5, expiry, 0,
                List.of(new StoredSubscription(Subscription.of("sensors/+/temp", QoS.AT_LEAST_ONCE), 0)));
    }

    /** A session using every protocol version field and every subscription option. */
    public static SessionRecord richSession(String clientId) {
        return new SessionRecord(clientId, MqttVersion.V3_1, 0xFFFF_FFFFL, 1_700_000_000_123L, List.of(
                new StoredSubscription(new Subscription("a/#", QoS.EXACTLY_ONCE, true, false, RetainHandling.DO_NOT_SEND), 268_435_455),
                new StoredSubscription(new Subscription("$share/g/b/+", QoS.AT_MOST_ONCE, false, true,
                        RetainHandling.SEND_IF_NEW_SUBSCRIPTION), 1),
                new StoredSubscription(new Subscription("ü/€/😀", QoS.AT_LEAST_ONCE, true, true, RetainHandling.SEND_ON_SUBSCRIBE), 0)));
    }

    /**
     * Every single-valued property set to an edge value of its type (derived from the enum, so a
     * property added to the codec is covered without touching this test), plus repeated user
     * properties and subscription identifiers.
     */
    public static Properties everyProperty() {
        Properties.Builder b = Properties.builder();
        for (Property p : Property.values()) {
            if (p.mayRepeat()) {
                continue;
            }
            b.set(p, switch (p.type()) {
                case BYTE -> 0xFF;
                case TWO_BYTE_INTEGER -> 0xFFFF;
                case VARIABLE_BYTE_INTEGER -> 268_435_455;
                case FOUR_BYTE_INTEGER -> 0xFFFF_FFFFL;
                case UTF8_STRING -> "value of " + p + " ü€😀";
                case BINARY_DATA -> Payload.wrap(new byte[] {0, 1, (byte) 0x80, (byte) 0xFF});
                case UTF8_STRING_PAIR -> throw new AssertionError(p + " repeats");
            });
        }
        return b.addUserProperty("k", "v1").addUserProperty("k", "v2").addUserProperty("", "")
                .addUserProperty("ñame", "välue")
                .addSubscriptionIdentifier(1).addSubscriptionIdentifier(127).addSubscriptionIdentifier(128)
                .addSubscriptionIdentifier(268_435_455)
                .build();
    }

    public static Message fullMessage(String topic) {
        byte[] payload = new byte[1000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return new Message(topic, Payload.wrap(payload), QoS.EXACTLY_ONCE, true, everyProperty(),
                1_800_000_000_000L, "origin-ü");
    }
}
