package io.bastionmq.config;

import io.bastionmq.config.ListenerConfig.Transport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.bastionmq.config.ConfigFiles.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** THREATS.md C1, C9, C22: plaintext and anonymous access stay on loopback unless the operator says otherwise. */
class ListenerSecurityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST", "::ffff:127.0.0.1"})
    void recognisesLoopback(String bind) {
        assertThat(ListenerConfig.isLoopback(bind)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.5", "192.168.1.1", "fe80::1", "128.0.0.1", "::2"})
    void recognisesNonLoopback(String bind) {
        assertThat(ListenerConfig.isLoopback(bind)).isFalse();
    }

    @Test
    void nonLoopbackPlaintextListenerNeedsAllowPlaintext() {
        ConfigException e = failure(dir, "listeners:\n  - {name: lan, bind: 0.0.0.0}\n", "listeners[0].allow_plaintext");
        assertThat(e.problem()).contains("plaintext");
        assertThat(e.hint()).contains("allow_plaintext: true", "127.0.0.1");
    }

    @Test
    void nonLoopbackAnonymousListenerIsRefusedEvenWithAllowPlaintext() {
        ConfigException e = failure(dir,
                "listeners:\n  - {name: lan, bind: 0.0.0.0, allow_plaintext: true, allow_anonymous: true}\n",
                "listeners[0].allow_anonymous");
        assertThat(e.problem()).contains("anonymous access is refused on 0.0.0.0");
    }

    @Test
    void anonymousIsRefusedForProgrammaticConfigurationToo() {
        assertThatThrownBy(() -> new ListenerConfig("lan", Transport.TCP, "10.0.0.5", 1883, "/mqtt", true, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("allow_anonymous");
    }

    @Test
    void acceptedNonLoopbackPlaintextListenerWarnsAtStart() {
        BrokerConfig c = ConfigFiles.load(dir, """
                listeners:
                  - {name: local, port: 1883, allow_anonymous: true}
                  - {name: lan, bind: 0.0.0.0, port: 1884, allow_plaintext: true}
                """);
        assertThat(c.listeners().get(1).isLoopback()).isFalse();
        assertThat(c.startupWarnings()).singleElement().asString()
                .contains("'lan'", "tcp://0.0.0.0:1884", "plaintext");
    }

    @Test
    void loopbackListenerNeedsNoPlaintextFlag() {
        BrokerConfig c = ConfigFiles.load(dir, "listeners:\n  - {name: v6, bind: '::1', port: 1883}\n");
        assertThat(c.listeners().get(0).uri()).isEqualTo("tcp://[::1]:1883");
        assertThat(c.startupWarnings()).isEmpty();
    }
}
