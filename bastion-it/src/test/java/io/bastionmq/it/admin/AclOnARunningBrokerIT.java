package io.bastionmq.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bastion acl add|list|test|remove} while the broker runs: a rule added through the admin
 * endpoint allows a request a live connection was refused a moment before, on that same
 * connection (its cached decision is dropped), and removing the rule refuses it again.
 */
class AclOnARunningBrokerIT {
    private static final String PASSWORD = "violet-tractor-harbour-57";
    private static final int GRANTED_QOS_1 = 0x01;
    private static final int NOT_AUTHORIZED = 0x87;

    @TempDir Path dir;

    @Test
    void ruleChangesApplyToTheNextRequestOfALiveConnection() throws Exception {
        try (LiveBroker broker = LiveBroker.start(dir)) {
            broker.broker().enrolment().addUser("alice", PASSWORD.toCharArray(), Set.of(), false);
            Mqtt5BlockingClient alice = Mqtt5Client.builder().identifier("alice-1").serverHost("127.0.0.1")
                    .serverPort(broker.broker().port("tcp")).buildBlocking();
            alice.connectWith().simpleAuth().username("alice").password(PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
            try {
                assertThat(subscribe(alice, "plant/#")).as("secure default: not alice's topics").isEqualTo(NOT_AUTHORIZED);
                assertThat(broker.cli("acl", "test", "alice", "plant/line-1", "sub")).isEqualTo(1);
                assertThat(broker.out.toString()).startsWith("DENIED");

                assertThat(broker.cli("acl", "add", "--user", "alice", "allow", "sub", "plant/#", "--max-qos", "1"))
                        .as(broker.err.toString()).isZero();
                assertThat(broker.out.toString()).isEqualTo("added: allow user alice subscribe plant/# max_qos 1\n");
                assertThat(subscribe(alice, "plant/#")).as("same connection, new attempt").isEqualTo(GRANTED_QOS_1);

                assertThat(broker.cli("acl", "test", "alice", "plant/line-1", "sub")).as(broker.err.toString()).isZero();
                assertThat(broker.out.toString()).startsWith("ALLOWED by rule 'allow user alice subscribe plant/# max_qos 1' (store user alice): ");
                assertThat(broker.cli("acl", "list")).isZero();
                assertThat(broker.out.toString()).contains("allow admins all #    (default rules[0])")
                        .contains("allow user alice subscribe plant/# max_qos 1    (store user alice)").endsWith("then: deny\n");

                assertThat(broker.cli("acl", "remove", "--user", "alice", "allow", "sub", "plant/#", "--max-qos", "1"))
                        .as(broker.err.toString()).isZero();
                assertThat(subscribe(alice, "plant/#")).as("same connection, rule gone").isEqualTo(NOT_AUTHORIZED);
                assertThat(broker.cli("acl", "remove", "--user", "alice", "allow", "sub", "plant/#", "--max-qos", "1")).isEqualTo(1);
                assertThat(broker.err.toString()).contains("no such rule");
            } finally {
                alice.disconnect();
            }
            String audit = broker.auditContaining("removed 'allow user alice subscribe plant/# max_qos 1' by admin-endpoint");
            assertThat(audit).contains("\"event\":\"acl_change\"")
                    .contains("added 'allow user alice subscribe plant/# max_qos 1' by admin-endpoint")
                    .contains("removed 'allow user alice subscribe plant/# max_qos 1' by admin-endpoint");
        }
    }

    /** The SUBACK reason code of one subscription at QoS 1. */
    private static int subscribe(Mqtt5BlockingClient client, String filter) {
        try {
            return client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes().get(0).getCode();
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage().getReasonCodes().get(0).getCode();
        }
    }
}
