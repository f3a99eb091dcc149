package io.bastionmq.codec.decode;

import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.RetainHandling;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.wire.PropertyContext;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE (MQTT5 3.8, MQTT-3.8).
 *
 * <pre>
 *   packet id (2) | [v5 properties] | { topic filter (string) | options (1) } ...
 *   options 3.1.1: | reserved 7-2 | QoS 1-0 |
 *   options 5:     | reserved 7-6 | retain handling 5-4 | retain as published 3 | no local 2 | QoS 1-0 |
 * </pre>
 *
 * Topic filter syntax is not checked here: a bad filter fails alone, with SUBACK 0x8F, while its
 * neighbours in the same packet may still succeed (MQTT5 3.9.3).
 */
final class SubscribeDecoder {
    private static final String SHARED_PREFIX = "$share/";

    private SubscribeDecoder() {}

    static Subscribe decode(ByteBuf in, MqttVersion version) {
        int packetId = Fields.readPacketId(in, version);
        Properties properties = version.isV5() ? PropertiesDecoder.decode(in, PropertyContext.SUBSCRIBE) : Properties.EMPTY;
        if (properties.subscriptionIdentifiers().size() > 1) {
            throw Violations.protocolError("MQTT5 3.8.2.1.2", "more than one subscription identifier");
        }
        if (!in.isReadable()) {
            throw Violations.protocolError(version, "MQTT-3.8.3-3", "SUBSCRIBE without a topic filter");
        }
        // The body bounds the list: each entry takes at least 3 bytes, so it cannot grow past remaining length / 3.
        List<Subscription> subscriptions = new ArrayList<>();
        while (in.isReadable()) {
            String filter = Fields.readString(in, "topic filter");
            int options = Fields.readByte(in, "subscription options");
            subscriptions.add(version.isV5() ? v5Options(filter, options) : v3Options(filter, options));
        }
        return new Subscribe(packetId, subscriptions, properties);
    }

    private static Subscription v3Options(String filter, int options) {
        if ((options & 0xFC) != 0) {
            throw Violations.malformed("MQTT-3.8.3-4", "reserved bits set in requested QoS 0x" + Integer.toHexString(options));
        }
        QoS qos = QoS.fromValue(options & 0x03);
        if (qos == null) {
            throw Violations.malformed("MQTT-3.8.3-4", "requested QoS 3");
        }
        return Subscription.of(filter, qos);
    }

    private static Subscription v5Options(String filter, int options) {
        if ((options & 0xC0) != 0) {
            throw Violations.malformed("MQTT-3.8.3-5", "reserved bits 6-7 set in subscription options");
        }
        QoS qos = QoS.fromValue(options & 0x03);
        if (qos == null) {
            throw Violations.protocolError("MQTT5 3.8.3.1", "maximum QoS 3 in subscription options");
        }
        boolean noLocal = (options & 0x04) != 0;
        if (noLocal && filter.startsWith(SHARED_PREFIX)) {
            throw Violations.protocolError("MQTT-3.8.3-4", "no local on shared subscription " + filter); // MQTT5 numbering
        }
        RetainHandling retainHandling = RetainHandling.fromValue((options >>> 4) & 0x03);
        if (retainHandling == null) {
            throw Violations.protocolError("MQTT5 3.8.3.1", "retain handling 3");
        }
        return new Subscription(filter, qos, noLocal, (options & 0x08) != 0, retainHandling);
    }
}
