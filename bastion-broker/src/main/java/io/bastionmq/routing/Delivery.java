package io.bastionmq.routing;

import io.bastionmq.codec.packet.QoS;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message routed to one session, before it has a place in that session's queue. Overlapping
 * subscriptions of one client yield one delivery (MQTT5 3.3.4): the highest granted QoS and every
 * matching subscription identifier.
 *
 * @param qos min(publish QoS, granted QoS)
 * @param retain the RETAIN flag as delivered (Retain As Published, MQTT5 3.8.3.1)
 * @param sharedGroup the shared subscription group that chose this session, or null
 */
public record Delivery(Message message, QoS qos, boolean retain, List<Integer> subscriptionIds,
                       @Nullable SharedGroup sharedGroup) {}
