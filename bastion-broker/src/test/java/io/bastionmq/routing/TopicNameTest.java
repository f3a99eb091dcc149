package io.bastionmq.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNameTest {
    private static final int LEVELS = 8;

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c", "/", "//", "a//b", "$SYS/broker/load", "sport/ténnis/✓", "\uD83D\uDE00/x"})
    void acceptsValidNames(String topic) {
        assertThat(TopicName.problem(topic, LEVELS)).isNull();
        assertThat(TopicName.isValid(topic, LEVELS)).isTrue();
    }

    @Test
    void rejectsEmptyName_MQTT_4_7_3_1() {
        assertThat(TopicName.problem("", LEVELS)).contains("MQTT-4.7.3-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "+", "#", "a/#", "a+b", "sport/ten#nis"})
    void rejectsWildcards_MQTT_3_3_2_2(String topic) {
        assertThat(TopicName.problem(topic, LEVELS)).contains("MQTT-3.3.2-2");
    }

    @Test
    void rejectsMoreLevelsThanTheLimit() {
        assertThat(TopicName.problem("1/2/3/4/5/6/7/8", LEVELS)).isNull();
        assertThat(TopicName.problem("1/2/3/4/5/6/7/8/9", LEVELS)).contains("more than 8 levels");
        assertThat(TopicName.problem("////////", LEVELS)).contains("more than 8 levels");
    }

    @Test
    void rejectsNamesLongerThan65535Utf8Bytes_MQTT_4_7_3_3() {
        assertThat(TopicName.problem("a".repeat(65_535), LEVELS)).isNull();
        assertThat(TopicName.problem("a".repeat(65_536), LEVELS)).contains("MQTT-4.7.3-3");
        // 21,845 three-byte characters are 65,535 bytes; one more two-byte one is too many.
        assertThat(TopicName.problem("€".repeat(21_845), LEVELS)).isNull();
        assertThat(TopicName.problem("€".repeat(21_845) + "é", LEVELS)).contains("MQTT-4.7.3-3");
        // A surrogate pair is 2 chars but 4 bytes.
        assertThat(TopicName.problem("\uD83D\uDE00".repeat(16_383) + "abc", LEVELS)).isNull();
        assertThat(TopicName.problem("\uD83D\uDE00".repeat(16_384), LEVELS)).contains("MQTT-4.7.3-3");
    }
}
