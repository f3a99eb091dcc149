package io.bastionmq.connection;

import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.Connect;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.Will;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.wire.Property;
import io.bastionmq.codec.wire.StrictUtf8;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.limits.Refusal;
import io.bastionmq.routing.TopicName;
import io.bastionmq.security.authn.AuthRequest;
import io.bastionmq.security.authz.Decision;
import io.bastionmq.security.x509.PeerIdentity;
import io.bastionmq.session.Session;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * CONNECT (MQTT5 3.1, 3.2): checks what the client asks for against what this broker offers,
 * opens or resumes the session, and answers with a CONNACK that states the broker's limits
 * truthfully (MQTT5 3.2.2.3).
 */
final class ConnectFlow {
    private final ConnectionServices services;
    private final Disconnects disconnects;
    private final Authentication authentication;
    private final EnhancedAuth enhancedAuth;

    ConnectFlow(ConnectionServices services, Disconnects disconnects) {
        this.services = services;
        this.disconnects = disconnects;
        this.authentication = new Authentication(services.authenticator(), disconnects, services.audit(), services.listener().name(),
                services.clock());
        this.enhancedAuth = new EnhancedAuth(services.authenticator(), authentication, disconnects, services.audit(),
                services.listener().name());
    }

    /** MQTT 5 enhanced authentication on this connection: the CONNECT exchange and re-authentication. */
    EnhancedAuth enhancedAuth() {
        return enhancedAuth;
    }

    /**
     * Returns the keep alive (seconds) the connection must enforce, -1 if the CONNECT was refused,
     * or {@link Authentication#PENDING} while a password is checked off the event loop; then
     * {@code decided} gets the keep alive (or -1) later, on the event loop. During enhanced
     * authentication {@code resumed} runs each time the broker has answered a step and reads again.
     */
    int onConnect(Channel channel, ConnectionState state, Connect connect, java.util.function.IntConsumer decided, Runnable resumed) {
        MqttConfig mqtt = services.mqtt();
        MqttVersion version = connect.version();
        state.version = version;
        channel.attr(ConnectionAttributes.VERSION).set(version);
        Properties p = connect.properties();
        Refusal admission = channel.attr(ConnectionAttributes.ADMISSION_REFUSAL).get();
        if (admission != null) {
            return refuse(channel, state, admission.reason(), admission.why()); // decided by the ADMISSION stage
        }
        int maxUserProperties = services.limits().config().maxUserProperties();
        Will offeredWill = connect.will();
        if (p.userProperties().size() > maxUserProperties
                || (offeredWill != null && offeredWill.properties().userProperties().size() > maxUserProperties)) {
            // MQTT5 has no "too many properties" code; 0x83 is "valid, but not accepted by this server" (3.2.2.2).
            services.metrics().userPropertiesRefused.increment();
            services.limits().log().hit("max_user_properties", "CONNECT of '" + connect.clientId() + "' refused");
            return refuse(channel, state, ConnAckReason.IMPLEMENTATION_SPECIFIC_ERROR,
                    "more than " + maxUserProperties + " user properties");
        }
        String method = p.authenticationMethod();
        if (method != null && !enhancedAuth.supports(method)) {
            // MQTT-4.12.0-1: a method the server does not offer (SCRAM off, or another mechanism).
            return refuse(channel, state, ConnAckReason.BAD_AUTHENTICATION_METHOD, "authentication method '" + method + "' not supported");
        }
        if (method != null && connect.password() != null) {
            // The password field would be ignored by SCRAM; a client that sends both expects something else.
            return refuse(channel, state, ConnAckReason.BAD_USER_NAME_OR_PASSWORD,
                    "a Password cannot accompany the Authentication Method " + method);
        }
        String clientId = connect.clientId();
        boolean assigned = false;
        if (clientId.isEmpty()) {
            if (version == MqttVersion.V3_1) {
                return refuse(channel, state, ConnAckReason.CLIENT_IDENTIFIER_NOT_VALID, "MQTT 3.1 requires a client identifier");
            }
            if (version == MqttVersion.V3_1_1 && !connect.cleanStart()) {
                // MQTT-3.1.3-8: an empty client id needs CleanSession=1 under 3.1.1.
                return refuse(channel, state, ConnAckReason.CLIENT_IDENTIFIER_NOT_VALID, "empty client identifier needs a clean session");
            }
            clientId = "auto-" + UUID.randomUUID(); // MQTT-3.1.3-6, MQTT5 3.2.2.3.7
            assigned = true;
        } else if (clientId.length() > mqtt.maxClientIdLength()) {
            return refuse(channel, state, ConnAckReason.CLIENT_IDENTIFIER_NOT_VALID,
                    "client identifier longer than " + mqtt.maxClientIdLength() + " characters");
        }
        state.clientId = clientId;
        InetAddress peer = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        Refusal refusal = services.limits().onConnect(clientId, assigned, connect.username(), peer);
        if (refusal != null) {
            return refuse(channel, state, refusal.reason(), refusal.why()); // MQTT5 3.2.2.2: 0x8A banned
        }
        CertificateIdentity.Decision certificate = CertificateIdentity.decide(channel.attr(ConnectionAttributes.PEER_IDENTITY).get(),
                services.listener().tls(), clientId, connect.username());
        if (certificate.refusal() != null) {
            return refuse(channel, state, certificate.refusal(), certificate.why());
        }
        state.username = certificate.username();
        // THREATS.md C1/C5: the authentication chain decides, off the event loop when a password is hashed.
        AuthRequest credentials = new AuthRequest(clientId, connect.username(),
                connect.password() == null ? null : connect.password().toByteArray(), peer,
                certificate.authenticated() ? certificate.username() : null, certificateCommonName(channel));
        boolean idAssigned = assigned;
        if (method != null) {
            // MQTT5 4.12: the SCRAM user name (n=) must be the CONNECT's User Name or the certificate's user, if given.
            String requiredUser = certificate.authenticated() ? certificate.username() : connect.username();
            return enhancedAuth.start(channel, state, method, p.binary(Property.AUTHENTICATION_DATA), credentials, requiredUser,
                    () -> admit(channel, state, connect, idAssigned), decided, resumed);
        }
        return authentication.start(channel, state, credentials, services.listener().allowAnonymous(),
                () -> admit(channel, state, connect, idAssigned), decided);
    }

    /** The CONNECT after authentication: will, limits, session, CONNACK. */
    private int admit(Channel channel, ConnectionState state, Connect connect, boolean assigned) {
        MqttConfig mqtt = services.mqtt();
        MqttVersion version = connect.version();
        Properties p = connect.properties();
        String clientId = state.clientId;
        Will will = connect.will();
        if (will != null) {
            ConnAckReason problem = checkWill(will, mqtt);
            if (problem != null) {
                return refuse(channel, state, problem, "will message refused: " + problem);
            }
            // THREATS.md C6: a will is a PUBLISH made later on the client's behalf, so it is authorized now.
            // MQTT5 3.2.2.2 0x87 (3.1.1: return code 0x05).
            Decision willAllowed = Authorization.acl(services, state).publish(will.topic(), will.qos().value(), will.retain());
            if (!willAllowed.allowed()) {
                Authorization.denied(services, channel, state, "will on " + will.topic(), willAllowed);
                return refuse(channel, state, ConnAckReason.NOT_AUTHORIZED, "will topic not authorized");
            }
        }
        readClientLimits(state, p);
        long requestedExpiry = version.isV5()
                ? (p.sessionExpiryInterval() == null ? 0 : p.sessionExpiryInterval())
                : (connect.cleanStart() ? 0 : Session.NEVER_EXPIRES);
        long expiry = Math.min(requestedExpiry, mqtt.maxSessionExpiryInterval());
        state.sessionExpiryInterval = expiry;
        int keepAlive = connect.keepAliveSeconds();
        boolean serverKeepAlive = version.isV5() && mqtt.serverKeepAlive() > 0;
        if (serverKeepAlive) {
            keepAlive = mqtt.serverKeepAlive(); // MQTT-3.2.2-21: the client must use the server's value
        }
        if (will != null) {
            state.will = MessageFactory.create(will.topic(), will.payload(), will.qos(), will.retain(), will.properties(),
                    services.clock().millis(), clientId);
            Long delay = will.properties().longValue(Property.WILL_DELAY_INTERVAL);
            state.willDelaySeconds = delay == null ? 0 : delay;
        }
        Properties connAckProps = version.isV5()
                ? connAckProperties(mqtt, expiry != requestedExpiry ? expiry : -1, assigned ? clientId : null,
                        serverKeepAlive ? keepAlive : -1, state.connAckAuthentication)
                : Properties.EMPTY;
        ChannelClientLink link = new ChannelClientLink(channel, state, disconnects);
        state.connected = true;
        state.link = link;
        state.session = services.sessions().connect(clientId, version, connect.cleanStart(), expiry, link,
                present -> channel.writeAndFlush(new ConnAck(present, ConnAckReason.SUCCESS, connAckProps), channel.voidPromise()));
        return keepAlive;
    }

    private static @Nullable String certificateCommonName(Channel channel) {
        PeerIdentity peer = channel.attr(ConnectionAttributes.PEER_IDENTITY).get();
        return peer == null ? null : peer.commonName();
    }

    private int refuse(Channel channel, ConnectionState state, ConnAckReason reason, String why) {
        disconnects.refuseConnect(channel, state, reason, why);
        return -1;
    }

    private static @Nullable ConnAckReason checkWill(Will will, MqttConfig mqtt) {
        if (TopicName.problem(will.topic(), mqtt.maxTopicLevels()) != null) {
            return ConnAckReason.TOPIC_NAME_INVALID;
        }
        if (will.qos().value() > mqtt.maximumQos()) {
            return ConnAckReason.QOS_NOT_SUPPORTED; // MQTT-3.2.2-12
        }
        if (will.retain() && !mqtt.retainAvailable()) {
            return ConnAckReason.RETAIN_NOT_SUPPORTED; // MQTT-3.2.2-13
        }
        Integer format = will.properties().intValue(Property.PAYLOAD_FORMAT_INDICATOR);
        if (format != null && format == 1 && !StrictUtf8.isValid(will.payload().toByteArray())) {
            return ConnAckReason.PAYLOAD_FORMAT_INVALID; // MQTT5 3.1.3.2.3
        }
        return null;
    }

    private static void readClientLimits(ConnectionState state, Properties p) {
        Integer receiveMaximum = p.receiveMaximum();
        state.clientReceiveMaximum = receiveMaximum == null ? 65_535 : receiveMaximum;
        Long maxPacket = p.maximumPacketSize();
        state.clientMaximumPacketSize = maxPacket == null ? 268_435_460L : maxPacket;
        Integer aliasMax = p.topicAliasMaximum();
        state.clientTopicAliasMaximum = aliasMax == null ? 0 : aliasMax;
        Integer problemInfo = p.intValue(Property.REQUEST_PROBLEM_INFORMATION);
        state.requestProblemInformation = problemInfo == null || problemInfo == 1;
    }

    /** MQTT5 3.2.2.3: what the server supports, stated explicitly so clients need not assume. */
    private static Properties connAckProperties(MqttConfig mqtt, long changedExpiry, @Nullable String assignedId,
                                                int serverKeepAlive, @Nullable Properties authentication) {
        // MQTT-4.12.0-5: Authentication Method (and the SCRAM server-final) of a successful enhanced authentication.
        Properties.Builder b = (authentication == null ? Properties.EMPTY : authentication).toBuilder()
                .set(Property.RECEIVE_MAXIMUM, mqtt.receiveMaximum())
                .set(Property.MAXIMUM_PACKET_SIZE, (long) mqtt.maxPacketSize())
                .set(Property.TOPIC_ALIAS_MAXIMUM, mqtt.topicAliasMaximum())
                .set(Property.RETAIN_AVAILABLE, mqtt.retainAvailable() ? 1 : 0)
                .set(Property.WILDCARD_SUBSCRIPTION_AVAILABLE, mqtt.wildcardSubscriptionAvailable() ? 1 : 0)
                .set(Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, mqtt.subscriptionIdentifiersAvailable() ? 1 : 0)
                .set(Property.SHARED_SUBSCRIPTION_AVAILABLE, mqtt.sharedSubscriptionAvailable() ? 1 : 0);
        if (mqtt.maximumQos() < 2) {
            b.set(Property.MAXIMUM_QOS, mqtt.maximumQos()); // MQTT-3.2.2-9: absent means 2
        }
        if (changedExpiry >= 0) {
            b.set(Property.SESSION_EXPIRY_INTERVAL, changedExpiry); // MQTT5 3.2.2.3.2
        }
        if (assignedId != null) {
            b.set(Property.ASSIGNED_CLIENT_IDENTIFIER, assignedId); // MQTT-3.2.2-16
        }
        if (serverKeepAlive >= 0) {
            b.set(Property.SERVER_KEEP_ALIVE, serverKeepAlive);
        }
        return b.build();
    }
}
