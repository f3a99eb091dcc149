package io.bastionmq.connection;

import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.limits.Limits;
import io.bastionmq.metrics.Metrics;
import io.bastionmq.routing.Router;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authz.Authorizer;
import io.bastionmq.security.authn.Authenticator;
import io.bastionmq.session.SessionRegistry;
import io.bastionmq.store.Store;
import java.time.Clock;

/** What a connection needs from the broker; one instance per listener. */
public record ConnectionServices(
        ListenerConfig listener,
        MqttConfig mqtt,
        SessionRegistry sessions,
        Router router,
        Store store,
        Metrics metrics,
        Clock clock,
        Limits limits,
        Authorizer authorizer,
        AuditLog audit,
        Authenticator authenticator) {}
