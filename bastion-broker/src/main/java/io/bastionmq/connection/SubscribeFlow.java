package io.bastionmq.connection;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.packet.RetainHandling;
import io.bastionmq.codec.packet.SubAck;
import io.bastionmq.codec.packet.Subscribe;
import io.bastionmq.codec.packet.Subscription;
import io.bastionmq.codec.packet.UnsubAck;
import io.bastionmq.codec.packet.Unsubscribe;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.reason.SubAckReason;
import io.bastionmq.codec.reason.UnsubAckReason;
import io.bastionmq.config.LimitsConfig;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.routing.Delivery;
import io.bastionmq.routing.InvalidTopicFilterException;
import io.bastionmq.routing.Subscriber;
import io.bastionmq.routing.TopicFilter;
import io.bastionmq.security.authz.ClientAcl;
import io.bastionmq.security.authz.Decision;
import io.bastionmq.session.Session;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SUBSCRIBE and UNSUBSCRIBE (MQTT5 3.8 to 3.11). Each filter gets its own reason code; the
 * subscription is durable before SUBACK; retained messages follow the SUBACK according to the
 * subscription's Retain Handling (MQTT5 3.8.3.1, MQTT-3.3.1-9).
 */
final class SubscribeFlow {
    private static final SubAckReason[] GRANTED = {
        SubAckReason.GRANTED_QOS_0, SubAckReason.GRANTED_QOS_1, SubAckReason.GRANTED_QOS_2,
    };

    private final ConnectionServices services;

    SubscribeFlow(ConnectionServices services) {
        this.services = services;
    }

    void onSubscribe(Channel channel, ConnectionState state, Subscribe subscribe) {
        Session session = state.session;
        if (session == null) {
            return;
        }
        MqttConfig mqtt = services.mqtt();
        List<Integer> ids = subscribe.properties().subscriptionIdentifiers();
        if (!ids.isEmpty() && !mqtt.subscriptionIdentifiersAvailable()) {
            throw new ProtocolViolation(DisconnectReason.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, "MQTT5 3.8.2.1.2",
                    "subscription identifiers are not available");
        }
        int subscriptionId = ids.isEmpty() ? 0 : ids.get(0);
        List<SubAckReason> reasons = new ArrayList<>(subscribe.subscriptions().size());
        List<Subscriber> retainedWanted = new ArrayList<>(0);
        LimitsConfig limits = services.limits().config();
        boolean tooManyProperties = subscribe.properties().userProperties().size() > limits.maxUserProperties();
        if (tooManyProperties) {
            services.metrics().userPropertiesRefused.increment();
            services.limits().log().hit("max_user_properties", "SUBSCRIBE from '" + state.clientId + "' refused");
        }
        for (Subscription requested : subscribe.subscriptions()) {
            if (tooManyProperties) {
                reasons.add(SubAckReason.IMPLEMENTATION_SPECIFIC_ERROR); // MQTT5 3.9.3: valid, but not accepted
                continue;
            }
            TopicFilter filter = parse(requested.filter(), mqtt);
            SubAckReason refusal = filter == null ? SubAckReason.TOPIC_FILTER_INVALID : refusal(filter, mqtt);
            if (refusal == null && requested.filter().getBytes(StandardCharsets.UTF_8).length > limits.maxTopicLength()) {
                services.metrics().topicLengthRefused.increment();
                services.limits().log().hit("max_topic_length", "filter from '" + state.clientId + "' refused");
                refusal = SubAckReason.TOPIC_FILTER_INVALID; // MQTT5 3.9.3 0x8F
            }
            if (refusal == null && session.subscriptionCount() >= limits.maxSubscriptionsPerClient() && !session.isSubscribed(filter)) {
                services.metrics().subscriptionQuotaRefused.increment();
                services.limits().log().hit("max_subscriptions_per_client", "'" + state.clientId + "' holds "
                        + session.subscriptionCount());
                refusal = SubAckReason.QUOTA_EXCEEDED; // MQTT5 3.9.3 0x97
            }
            Decision allowed = null;
            if (refusal == null) {
                // THREATS.md C6: a shared subscription is checked on its inner filter (MQTT5 4.8.2).
                allowed = Authorization.acl(services, state).subscribe(filter.filter());
                if (!allowed.allowed()) {
                    Authorization.denied(services, channel, state, "subscribe " + requested.filter(), allowed);
                    refusal = SubAckReason.NOT_AUTHORIZED; // MQTT5 3.9.3 0x87; the 3.1.1 encoder writes 0x80
                }
            }
            if (refusal != null) {
                reasons.add(refusal);
                continue;
            }
            QoS granted = requested.maxQos().min(QoS.fromValue(mqtt.maximumQos()));
            if (allowed.maxQos() != null) {
                granted = granted.min(QoS.fromValue(allowed.maxQos())); // the rule's max_qos: downgrade (MQTT5 3.9.3)
            }
            Subscription options = new Subscription(requested.filter(), granted, requested.noLocal(),
                    requested.retainAsPublished(), requested.retainHandling());
            Subscriber subscriber = new Subscriber(state.clientId, filter, options, subscriptionId);
            boolean existed = session.subscribe(subscriber);
            reasons.add(GRANTED[granted.value()]);
            RetainHandling rh = requested.retainHandling();
            // MQTT5 4.8.2: retained messages are not sent for shared subscriptions.
            if (!filter.isShared() && (rh == RetainHandling.SEND_ON_SUBSCRIBE
                    || (rh == RetainHandling.SEND_IF_NEW_SUBSCRIPTION && !existed))) {
                retainedWanted.add(subscriber);
            }
        }
        SubAck subAck = new SubAck(subscribe.packetId(), reasons, Properties.EMPTY);
        ClientAcl acl = Authorization.acl(services, state);
        session.persist().whenComplete((done, error) -> {
            channel.writeAndFlush(subAck, channel.voidPromise());
            for (Subscriber s : retainedWanted) {
                sendRetained(session, s, acl);
            }
        });
    }

    void onUnsubscribe(Channel channel, ConnectionState state, Unsubscribe unsubscribe) {
        Session session = state.session;
        if (session == null) {
            return;
        }
        List<UnsubAckReason> reasons = new ArrayList<>(unsubscribe.filters().size());
        for (String text : unsubscribe.filters()) {
            TopicFilter filter = parse(text, services.mqtt());
            if (filter == null) {
                reasons.add(UnsubAckReason.TOPIC_FILTER_INVALID);
            } else {
                // MQTT-3.10.4-5: UNSUBACK even when nothing was removed; MQTT 5 says so with 0x11.
                reasons.add(session.unsubscribe(filter) ? UnsubAckReason.SUCCESS : UnsubAckReason.NO_SUBSCRIPTION_EXISTED);
            }
        }
        UnsubAck unsubAck = new UnsubAck(unsubscribe.packetId(), state.isV5() ? reasons : List.of(), Properties.EMPTY);
        session.persist().whenComplete((done, error) -> channel.writeAndFlush(unsubAck, channel.voidPromise()));
    }

    /**
     * MQTT-3.3.1-9: retained messages sent because of a new subscription carry RETAIN = 1.
     *
     * <p>Each retained message is checked against the subscriber's right to read its topic. A
     * granted filter is allowed as a whole, so by construction this drops nothing; it still runs
     * (one cached lookup per message) because the rules can change between the SUBACK decision and
     * this delivery, which happens after the subscription is persisted, and because a retained
     * message is the easiest leak to miss: another device's state sitting under a wildcard.
     */
    private void sendRetained(Session session, Subscriber s, ClientAcl acl) {
        List<Integer> ids = s.subscriptionId() > 0 ? List.of(s.subscriptionId()) : List.of();
        services.router().retainedMatching(s.filter(), m -> {
            if (!acl.canRead(m.topic()).allowed()) {
                return;
            }
            QoS qos = m.qos().min(s.options().maxQos());
            services.router().deliverOne(session, new Delivery(m, qos, true, ids, null));
        });
    }

    private static @Nullable TopicFilter parse(String text, MqttConfig mqtt) {
        try {
            TopicFilter filter = TopicFilter.parse(text);
            return filter.levels() > mqtt.maxTopicLevels() ? null : filter;
        } catch (InvalidTopicFilterException e) {
            return null;
        }
    }

    private static @Nullable SubAckReason refusal(TopicFilter filter, MqttConfig mqtt) {
        if (filter.isShared() && !mqtt.sharedSubscriptionAvailable()) {
            return SubAckReason.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED; // MQTT5 3.9.3 0x9E
        }
        if (filter.hasWildcard() && !mqtt.wildcardSubscriptionAvailable()) {
            return SubAckReason.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED; // MQTT5 3.9.3 0xA2
        }
        return null;
    }
}
