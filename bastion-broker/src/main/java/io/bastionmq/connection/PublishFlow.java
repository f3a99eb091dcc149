package io.bastionmq.connection;

import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.PubAck;
import io.bastionmq.codec.packet.PubComp;
import io.bastionmq.codec.packet.PubRec;
import io.bastionmq.codec.packet.PubRel;
import io.bastionmq.codec.packet.Publish;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.codec.reason.DisconnectReason;
import io.bastionmq.codec.reason.PubAckReason;
import io.bastionmq.codec.reason.PubCompReason;
import io.bastionmq.codec.reason.PubRecReason;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.codec.wire.StrictUtf8;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.routing.Message;
import io.bastionmq.routing.TopicName;
import io.bastionmq.security.authz.Decision;
import io.bastionmq.session.Session;
import io.bastionmq.store.Store;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound PUBLISH and PUBREL (MQTT5 3.3, 4.3): checks the message, routes it, and acknowledges it
 * only once it is durable. QoS 2 is exactly once (MQTT5 4.3.3, method B): the packet id is
 * recorded together with the routed message, a resend of a recorded id is acknowledged without
 * routing it again, and PUBREL releases the id durably before PUBCOMP.
 */
final class PublishFlow {
    private static final Logger log = LoggerFactory.getLogger(PublishFlow.class);

    private final ConnectionServices services;
    private final Disconnects disconnects;

    PublishFlow(ConnectionServices services, Disconnects disconnects) {
        this.services = services;
        this.disconnects = disconnects;
    }

    void onPublish(Channel channel, ConnectionState state, Publish publish) {
        Session session = state.session;
        if (session == null) {
            return;
        }
        services.metrics().messagesReceived.increment();
        services.metrics().bytesReceived.add(publish.payload().size());
        MqttConfig mqtt = services.mqtt();
        boolean v5 = state.isV5();
        Properties props = publish.properties();
        if (!props.subscriptionIdentifiers().isEmpty()) {
            throw new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, "MQTT-3.3.4-6", "PUBLISH from a client carries a subscription identifier");
        }
        if (publish.qos().value() > mqtt.maximumQos()) {
            throw new ProtocolViolation(DisconnectReason.QOS_NOT_SUPPORTED, "MQTT-3.2.2-11", "QoS " + publish.qos().value() + " above the maximum " + mqtt.maximumQos());
        }
        if (publish.retain() && !mqtt.retainAvailable()) {
            throw new ProtocolViolation(DisconnectReason.RETAIN_NOT_SUPPORTED, "MQTT-3.2.2-14", "retained messages are not available");
        }
        String topic = resolveTopic(state, publish, mqtt);
        int maxTopicLength = services.limits().config().maxTopicLength();
        // A UTF-16 char needs at most 3 UTF-8 bytes: short topics skip the encoding.
        if (topic.length() > maxTopicLength / 3 && topic.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxTopicLength) {
            services.metrics().topicLengthRefused.increment();
            services.limits().log().hit("max_topic_length", "topic name from '" + state.clientId + "' refused");
            throw new ProtocolViolation(DisconnectReason.TOPIC_NAME_INVALID, "MQTT5 4.7, 3.14.2.1",
                    "topic name longer than " + maxTopicLength + " bytes");
        }
        String topicProblem = TopicName.problem(topic, mqtt.maxTopicLevels());
        if (topicProblem != null) {
            throw new ProtocolViolation(DisconnectReason.TOPIC_NAME_INVALID, "MQTT5 4.7", topicProblem);
        }
        String responseTopic = props.string(Property.RESPONSE_TOPIC);
        if (responseTopic != null && TopicName.problem(responseTopic, Integer.MAX_VALUE) != null) {
            throw new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, "MQTT-3.3.2-14", "response topic is not a valid topic name");
        }
        Integer format = props.intValue(Property.PAYLOAD_FORMAT_INDICATOR);
        if (format != null && format == 1 && !StrictUtf8.isValid(publish.payload().toByteArray())) {
            // MQTT5 3.3.2.3.2: payload announced as UTF-8 but is not.
            if (publish.qos() == QoS.AT_MOST_ONCE || !v5) {
                throw new ProtocolViolation(DisconnectReason.PAYLOAD_FORMAT_INVALID, "MQTT5 3.3.2.3.2", "payload is not valid UTF-8");
            }
            reject(channel, publish, PubAckReason.PAYLOAD_FORMAT_INVALID, PubRecReason.PAYLOAD_FORMAT_INVALID);
            return;
        }
        int maxUserProperties = services.limits().config().maxUserProperties();
        if (props.userProperties().size() > maxUserProperties) {
            // MQTT5 has no "too many properties" code. 0x83 means "the PUBLISH is valid but the
            // receiver is not willing to accept it" (3.4.2.1); 0x95 would tell the client its packet
            // exceeds the Maximum Packet Size, which it does not. A QoS 0 message is dropped.
            services.metrics().userPropertiesRefused.increment();
            services.limits().log().hit("max_user_properties", "PUBLISH from '" + state.clientId + "' refused");
            reject(channel, publish, PubAckReason.IMPLEMENTATION_SPECIFIC_ERROR, PubRecReason.IMPLEMENTATION_SPECIFIC_ERROR);
            return;
        }
        if (topic.startsWith("$")) {
            // MQTT5 4.7.2: $-topics belong to the server; clients may not publish into them.
            if (publish.qos() != QoS.AT_MOST_ONCE && v5) {
                reject(channel, publish, PubAckReason.NOT_AUTHORIZED, PubRecReason.NOT_AUTHORIZED);
            } else if (publish.qos() != QoS.AT_MOST_ONCE) {
                acknowledge(channel, state, publish, 1); // 3.1.1 cannot say no; the message is dropped
            }
            return;
        }
        Decision allowed = Authorization.acl(services, state).publish(topic, publish.qos().value(), publish.retain());
        if (!allowed.allowed()) {
            denied(channel, state, publish, topic, allowed);
            return;
        }
        Message message = MessageFactory.create(topic, publish.payload(), publish.qos(), publish.retain(), props,
                services.clock().millis(), state.clientId);
        Store.Batch batch = services.store().newBatch();
        switch (publish.qos()) {
            case AT_MOST_ONCE -> route(state, message, batch);
            case AT_LEAST_ONCE -> {
                checkReceiveMaximum(state, session, mqtt);
                state.unackedQos1++;
                route(state, message, batch).whenComplete((matched, error) -> {
                    if (channel.eventLoop().inEventLoop()) {
                        state.unackedQos1--; // acknowledged at once: it must not count against the next packets of this read
                    } else {
                        channel.eventLoop().execute(() -> state.unackedQos1--);
                    }
                    if (error != null) {
                        failed(channel, state, publish, error);
                    } else {
                        acknowledge(channel, state, publish, matched);
                    }
                });
            }
            case EXACTLY_ONCE -> {
                if (!session.receiveQos2(publish.packetId())) {
                    // A resend of a message received already: acknowledge, do not route again. The
                    // PUBREC waits for the first copy's commit, so it never promises more than is durable.
                    int id = publish.packetId();
                    state.routeChain.whenComplete((x, e) -> channel.writeAndFlush(new PubRec(id), channel.voidPromise()));
                    return;
                }
                if (session.inboundQos2Count() + state.unackedQos1 > inboundLimit(state, mqtt)) {
                    session.releaseQos2(publish.packetId());
                    throw receiveMaximumExceeded(inboundLimit(state, mqtt));
                }
                if (session.isPersistent()) {
                    batch.addInboundQos2(state.clientId, publish.packetId());
                }
                route(state, message, batch).whenComplete((matched, error) -> {
                    if (error != null) {
                        session.releaseQos2(publish.packetId());
                        failed(channel, state, publish, error);
                    } else {
                        acknowledge(channel, state, publish, matched);
                    }
                });
            }
        }
    }

    /**
     * THREATS.md C6: a PUBLISH the rules do not allow is not routed. MQTT 5 says so with 0x87 in
     * PUBACK/PUBREC (MQTT5 3.4.2.1, 3.5.2.1). That also covers a QoS above the rule's max_qos and a
     * retained message under a retain: false rule: 0x9B (QoS not supported) and 0x9A (Retain not
     * supported) exist only in CONNACK and DISCONNECT, and say the server lacks a feature, whereas
     * here the server has it and this client may not use it on this topic. A QoS 0 message is
     * dropped. MQTT 3.1.1 acknowledgements cannot refuse: the message is dropped behind a positive
     * ack, or the connection closed if authorization.disconnect_on_denied_publish is set.
     */
    private void denied(Channel channel, ConnectionState state, Publish publish, String topic, Decision decision) {
        Authorization.denied(services, channel, state, "publish " + topic, decision);
        if (state.isV5()) {
            reject(channel, publish, PubAckReason.NOT_AUTHORIZED, PubRecReason.NOT_AUTHORIZED);
        } else if (services.authorizer().disconnectOnDeniedPublish()) {
            channel.close();
        } else if (publish.qos() != QoS.AT_MOST_ONCE) {
            acknowledge(channel, state, publish, 1);
        }
    }

    /** PUBREL: release the QoS 2 packet id (durably), then PUBCOMP (MQTT5 4.3.3). */
    void onPubRel(Channel channel, ConnectionState state, PubRel pubRel) {
        Session session = state.session;
        if (session == null) {
            return;
        }
        int id = pubRel.packetId();
        if (!session.releaseQos2(id)) {
            PubComp unknown = state.isV5()
                    ? new PubComp(id, PubCompReason.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY)
                    : new PubComp(id);
            channel.writeAndFlush(unknown, channel.voidPromise());
            return;
        }
        if (session.isPersistent()) {
            services.store().commit(services.store().newBatch().removeInboundQos2(state.clientId, id))
                    .thenRun(() -> channel.writeAndFlush(new PubComp(id), channel.voidPromise()));
        } else {
            channel.writeAndFlush(new PubComp(id), channel.voidPromise());
        }
    }

    /**
     * Routes after the previous message of this client has been routed, so that a message that
     * needs no store write cannot overtake one that does (MQTT5 4.6).
     */
    private CompletableFuture<Integer> route(ConnectionState state, Message message, Store.Batch batch) {
        CompletableFuture<Integer> routed = state.routeChain.isDone()
                ? services.router().publish(message, batch)
                : state.routeChain.handle((x, e) -> null).thenCompose(x -> services.router().publish(message, batch));
        state.routeChain = routed;
        return routed;
    }

    /** MQTT-3.3.4-9: more unacknowledged QoS 1/2 PUBLISHes than our Receive Maximum is an error (0x93). */
    private static void checkReceiveMaximum(ConnectionState state, Session session, MqttConfig mqtt) {
        if (state.unackedQos1 + session.inboundQos2Count() >= inboundLimit(state, mqtt)) {
            throw receiveMaximumExceeded(inboundLimit(state, mqtt));
        }
    }

    /**
     * MQTT 5 clients agreed to our Receive Maximum in CONNACK. MQTT 3.1.1 has no such limit, so a
     * 3.1.1 client is held only to the protocol's own bound of 65,535 packet identifiers in use.
     */
    private static int inboundLimit(ConnectionState state, MqttConfig mqtt) {
        return state.isV5() ? mqtt.receiveMaximum() : 65_535;
    }

    private static ProtocolViolation receiveMaximumExceeded(int limit) {
        return new ProtocolViolation(DisconnectReason.RECEIVE_MAXIMUM_EXCEEDED, "MQTT-3.3.4-9",
                "more than " + limit + " unacknowledged QoS 1/2 messages");
    }

    private static void acknowledge(Channel channel, ConnectionState state, Publish publish, int matched) {
        boolean none = matched == 0 && state.isV5();
        if (publish.qos() == QoS.AT_LEAST_ONCE) {
            channel.writeAndFlush(none ? new PubAck(publish.packetId(), PubAckReason.NO_MATCHING_SUBSCRIBERS, Properties.EMPTY)
                    : new PubAck(publish.packetId()), channel.voidPromise());
        } else if (publish.qos() == QoS.EXACTLY_ONCE) {
            channel.writeAndFlush(none ? new PubRec(publish.packetId(), PubRecReason.NO_MATCHING_SUBSCRIBERS, Properties.EMPTY)
                    : new PubRec(publish.packetId()), channel.voidPromise());
        }
    }

    private static void reject(Channel channel, Publish publish, PubAckReason ackReason, PubRecReason recReason) {
        if (publish.qos() == QoS.AT_LEAST_ONCE) {
            channel.writeAndFlush(new PubAck(publish.packetId(), ackReason, Properties.EMPTY), channel.voidPromise());
        } else if (publish.qos() == QoS.EXACTLY_ONCE) {
            channel.writeAndFlush(new PubRec(publish.packetId(), recReason, Properties.EMPTY), channel.voidPromise());
        }
    }

    /**
     * The store could not make the message durable: it is not acknowledged as received. MQTT 5
     * says so with 0x80; a 3.1.1 ack cannot carry a failure, so the connection is closed and the
     * client will send the message again (MQTT-4.4.0-1).
     */
    private void failed(Channel channel, ConnectionState state, Publish publish, Throwable error) {
        log.error("could not store message on {}: {}", publish.topic(), error.toString());
        if (state.isV5()) {
            reject(channel, publish, PubAckReason.UNSPECIFIED_ERROR, PubRecReason.UNSPECIFIED_ERROR);
        } else {
            channel.close();
        }
    }

    private static String resolveTopic(ConnectionState state, Publish publish, MqttConfig mqtt) {
        Integer alias = publish.properties().topicAlias();
        if (alias == null) {
            return publish.topic();
        }
        if (alias > mqtt.topicAliasMaximum()) {
            // MQTT-3.3.2-9: above the maximum we announced in CONNACK (0 = none accepted).
            throw new ProtocolViolation(DisconnectReason.TOPIC_ALIAS_INVALID, "MQTT-3.3.2-9", "topic alias " + alias + " above maximum " + mqtt.topicAliasMaximum());
        }
        if (!publish.topic().isEmpty()) {
            state.inboundAliases.set(alias, publish.topic()); // MQTT5 3.3.2.3.4: (re)defines the alias
            return publish.topic();
        }
        @Nullable String known = state.inboundAliases.topicFor(alias);
        if (known == null) {
            throw new ProtocolViolation(DisconnectReason.PROTOCOL_ERROR, "MQTT5 3.3.4", "topic alias " + alias + " was never defined on this connection");
        }
        return known;
    }
}
