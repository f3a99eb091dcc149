package io.bastionmq.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.bastionmq.config.ConfigFiles.expectFailure;
import static io.bastionmq.config.ConfigFiles.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of error names the file, the key path, what is wrong and a hint. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        ConfigException e = failure(dir, "mqtt:\n  max_paket_size: 2048\n", "mqtt.max_paket_size");
        assertThat(e.problem()).contains("unknown key 'max_paket_size'");
        assertThat(e.hint()).isEqualTo("did you mean 'max_packet_size'?");
    }

    @Test
    void unknownKeyInAListenerNamesItsIndex() {
        ConfigException e = failure(dir, """
                listeners:
                  - name: a
                    port: 1883
                  - name: b
                    prot: 1884
                """, "listeners[1].prot");
        assertThat(e.hint()).contains("'port'");
    }

    @Test
    void unknownTopLevelKeyWithNothingCloseListsTheKnownKeys() {
        ConfigException e = failure(dir, "completely_unrelated: 1\n", "completely_unrelated");
        assertThat(e.hint()).contains("listeners", "data_dir", "store", "mqtt", "sys");
    }

    @Test
    void wrongTypeSaysWhatWasExpectedAndFound() {
        ConfigException e = failure(dir, "listeners:\n  - name: a\n    port: \"1883\"\n", "listeners[0].port");
        assertThat(e.problem()).contains("expected a whole number", "the string \"1883\"");
        assertThat(e.hint()).contains("without quotes");
    }

    @Test
    void booleanGivenAsStringIsAWrongType() {
        ConfigException e = failure(dir, "sys:\n  enabled: maybe\n", "sys.enabled");
        assertThat(e.problem()).contains("expected true or false");
    }

    @Test
    void sectionThatIsNotAMappingIsAWrongType() {
        ConfigException e = failure(dir, "mqtt: 5\n", "mqtt");
        assertThat(e.problem()).contains("expected a mapping");
    }

    @Test
    void outOfRangeValueStatesTheBounds() {
        ConfigException e = failure(dir, "mqtt:\n  maximum_qos: 3\n", "mqtt.maximum_qos");
        assertThat(e.problem()).contains("3 is out of range 0..2");
        assertThat(e.hint()).contains("from 0 to 2");
    }

    @Test
    void portOutOfRangeStatesTheBounds() {
        ConfigException e = failure(dir, "listeners:\n  - name: a\n    port: 70000\n", "listeners[0].port");
        assertThat(e.problem()).contains("70000 is out of range 0..65535");
    }

    @Test
    void clientIdLimitBelowTheSpecMinimumIsRefused() {
        ConfigException e = failure(dir, "mqtt:\n  max_client_id_length: 10\n", "mqtt.max_client_id_length");
        assertThat(e.problem()).contains("23..65535");
    }

    @Test
    void hugeNumberIsRefusedWithoutOverflow() {
        failure(dir, "mqtt:\n  max_session_expiry_interval: 99999999999999999999999\n", "mqtt.max_session_expiry_interval");
        failure(dir, "mqtt:\n  max_packet_size: 99999999999\n", "mqtt.max_packet_size");
    }

    @Test
    void invalidDurationShowsTheSyntax() {
        ConfigException e = failure(dir, "mqtt:\n  connect_timeout: ten seconds\n", "mqtt.connect_timeout");
        assertThat(e.problem()).contains("'ten seconds' is not a duration");
        assertThat(e.hint()).contains("ms, s, m, h, d", "10s");
    }

    @Test
    void durationWithoutAUnitSuggestsOne() {
        ConfigException e = failure(dir, "sys:\n  interval: 30\n", "sys.interval");
        assertThat(e.hint()).contains("interval: 30s");
    }

    @Test
    void durationOutOfRangeStatesTheBounds() {
        ConfigException e = failure(dir, "mqtt:\n  connect_timeout: 500ms\n", "mqtt.connect_timeout");
        assertThat(e.problem()).contains("500ms is out of range 1s..10m");
    }

    @Test
    void invalidEnumListsTheChoicesOrTheClosestOne() {
        ConfigException typo = failure(dir, "listeners:\n  - transport: websockets\n", "listeners[0].transport");
        assertThat(typo.hint()).isEqualTo("did you mean 'websocket'?");
        ConfigException far = failure(dir, "store:\n  fsync: sometimes\n", "store.fsync");
        assertThat(far.problem()).contains("always, interval, never");
    }

    @Test
    void duplicateListenerNameIsRefused() {
        ConfigException e = failure(dir, """
                listeners:
                  - {name: local, port: 1883}
                  - {name: local, port: 1884}
                """, "listeners[1].name");
        assertThat(e.problem()).contains("already used by listeners[0]");
    }

    @Test
    void duplicateListenerPortIsRefused() {
        ConfigException e = failure(dir, """
                listeners:
                  - {name: a, port: 1883}
                  - {name: b, transport: websocket, port: 1883}
                """, "listeners[1].port");
        assertThat(e.problem()).contains("port 1883 is already used by listeners[0] ('a')");
    }

    @Test
    void explicitEmptyListenerListIsRefused() {
        ConfigException e = failure(dir, "listeners: []\n", "listeners");
        assertThat(e.problem()).isEqualTo("no listener configured");
        failure(dir, "listeners:\n", "listeners");
    }

    @Test
    void emptyValueIsNotTakenAsTheDefault() {
        ConfigException e = failure(dir, "listeners:\n  - name: a\n    port:\n", "listeners[0].port");
        assertThat(e.problem()).isEqualTo("has no value");
    }

    @Test
    void emptyDataDirIsRefused() {
        failure(dir, "data_dir: ''\n", "data_dir");
    }

    @Test
    void pathOnATcpListenerIsRefused() {
        ConfigException e = failure(dir, "listeners:\n  - {name: a, path: /ws}\n", "listeners[0].path");
        assertThat(e.hint()).contains("transport: websocket");
    }

    @Test
    void fsyncIntervalWithoutTheIntervalPolicyIsRefused() {
        failure(dir, "store:\n  fsync: always\n  fsync_interval: 50ms\n", "store.fsync_interval");
        failure(dir, "store:\n  type: memory\n  fsync: always\n", "store.fsync");
    }

    @Test
    void invalidBindAddressIsRefused() {
        ConfigException e = failure(dir, "listeners:\n  - {name: a, bind: broker.example.com}\n", "listeners[0].bind");
        assertThat(e.hint()).contains("host names are not resolved");
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        ConfigException e = failure(dir, "mqtt:\n  max_packet_size: 1\n   receive_maximum: [\n", "line 3, column 19");
        assertThat(e.problem()).startsWith("not valid YAML");
        assertThat(e.hint()).contains("indentation");
    }

    @Test
    void duplicateYamlKeyIsASyntaxError() {
        Path file = ConfigFiles.write(dir, "mqtt:\n  maximum_qos: 1\n  maximum_qos: 2\n");
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e.getMessage()).startsWith(file + ": line 3").contains("Duplicate field 'maximum_qos'", "hint: ");
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("absent.yaml");
        ConfigException e = expectFailure(() -> ConfigLoader.load(file), file.toString(), ConfigException.WHOLE_FILE);
        assertThat(e.problem()).isEqualTo("file not found");
    }

    @Test
    void directoryIsReported() {
        ConfigException e = expectFailure(() -> ConfigLoader.load(dir), dir.toString(), ConfigException.WHOLE_FILE);
        assertThat(e.problem()).contains("is a directory");
    }

    @Test
    void invalidUtf8IsReported() throws IOException {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        ConfigException e = expectFailure(() -> ConfigLoader.load(file), file.toString(), ConfigException.WHOLE_FILE);
        assertThat(e.problem()).contains("UTF-8");
    }
}
