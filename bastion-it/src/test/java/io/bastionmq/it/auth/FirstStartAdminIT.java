package io.bastionmq.it.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.bastionmq.Broker;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.config.ListenerConfig;
import io.bastionmq.config.MqttConfig;
import io.bastionmq.config.StoreConfig;
import io.bastionmq.config.SysConfig;
import io.bastionmq.security.authn.FirstStartAdmin;
import io.bastionmq.store.CredentialRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THREATS.md C1, C3, C9, C22, the secure default start: the default listeners refuse anonymous
 * clients, and the first start on an empty durable store creates {@code admin} with a random
 * password written once to a 0600 file.
 */
class FirstStartAdminIT {
    @TempDir
    Path dir;

    /**
     * The default profile ({@link BrokerConfig#defaults}) with free ports, so tests never collide on
     * 1883/8883, and on loopback, so a test opens no port to the network.
     */
    private BrokerConfig defaultsOnFreePorts() {
        List<ListenerConfig> listeners = BrokerConfig.defaults(dir).listeners().stream()
                .map(l -> new ListenerConfig(l.name(), l.transport(), "127.0.0.1", 0, l.path(), l.allowPlaintext(),
                        l.allowAnonymous(), l.tls()))
                .toList();
        return new BrokerConfig(listeners, dir, StoreConfig.DURABLE, MqttConfig.DEFAULT, SysConfig.DEFAULT);
    }

    @Test
    void firstStartCreatesTheAdminOnceWithAnOwnerOnlyPasswordFile() throws Exception {
        BrokerConfig config = defaultsOnFreePorts();
        assertThat(config.listeners()).noneMatch(ListenerConfig::allowAnonymous);
        Path file = dir.resolve(FirstStartAdmin.PASSWORD_FILE);
        String password;
        try (Broker broker = Broker.start(config)) {
            Optional<FirstStartAdmin.Created> created = FirstStartAdmin.ensure(broker.enrolment(), dir, true);
            assertThat(created).isPresent();
            password = created.get().password();
            assertThat(created.get().file()).isEqualTo(file);
            assertThat(created.get().toString()).doesNotContain(password);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file)).isEqualTo(password + "\n");
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            CredentialRecord admin = broker.enrolment().list().getFirst();
            assertThat(admin.name()).isEqualTo("admin");
            assertThat(admin.admin()).isTrue();
            assertThat(admin.device()).isFalse();

            int port = broker.port("default");
            assertThat(paho(port, "admin-p", "admin", password)).isZero();
            assertThat(hiveMq(port, "admin-h", "admin", password)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(paho(port, "anon-p", null, null)).isEqualTo(5);
            assertThat(hiveMq(port, "anon-h", null, null)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        }
        byte[] before = Files.readAllBytes(file);
        FileTime modified = Files.getLastModifiedTime(file);

        try (Broker broker = Broker.start(config)) {
            assertThat(FirstStartAdmin.ensure(broker.enrolment(), dir, true)).isEmpty();
            assertThat(broker.enrolment().list()).extracting(CredentialRecord::name).containsExactly("admin");
            assertThat(paho(broker.port("default"), "admin-again", "admin", password)).isZero();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    }

    @Test
    void noAdminWhenAUserExistsOrTheStoreIsInMemoryOrAStaleFileIsInTheWay() throws Exception {
        Path file = dir.resolve(FirstStartAdmin.PASSWORD_FILE);
        try (Broker broker = Broker.start(defaultsOnFreePorts())) {
            assertThat(FirstStartAdmin.ensure(broker.enrolment(), dir, false)).isEmpty();
            assertThat(file).doesNotExist();

            Files.writeString(file, "left from an earlier install\n");
            assertThat(FirstStartAdmin.ensure(broker.enrolment(), dir, true)).isEmpty();
            assertThat(Files.readString(file)).isEqualTo("left from an earlier install\n");
            assertThat(broker.enrolment().list()).isEmpty();
            Files.delete(file);

            broker.enrolment().addUser("operator", "violet-tractor-harbour-57".toCharArray(), java.util.Set.of(), true);
            assertThat(FirstStartAdmin.ensure(broker.enrolment(), dir, true)).isEmpty();
            assertThat(file).doesNotExist();
        }
    }

    /** Paho 3.1.1 on the plaintext listener: 0 on success, else the CONNACK return code. */
    private static int paho(int port, String clientId, String user, String password) throws Exception {
        var c = new org.eclipse.paho.client.mqttv3.MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        o.setConnectionTimeout(10);
        try {
            c.connect(o);
            c.disconnect();
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            c.close();
        }
    }

    /** HiveMQ client, MQTT 5, plaintext: the CONNACK reason code, or null when no CONNACK came. */
    private static Mqtt5ConnAckReasonCode hiveMq(int port, String clientId, String user, String password) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        try {
            var connect = user == null ? c.connectWith()
                    : c.connectWith().simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
            Mqtt5ConnAckReasonCode code = connect.send().getReasonCode();
            c.disconnect();
            return code;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
