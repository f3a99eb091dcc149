package io.bastionmq.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterParseTest {

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a", "a/b", "a/+/c", "a/#", "+/+", "/", "/+", "+/", "a//b", "$SYS/#", "sport/tennis/+/#", "ñ/✓/+"})
    void acceptsValidFilters(String text) {
        TopicFilter f = TopicFilter.parse(text);
        assertThat(f.text()).isEqualTo(text);
        assertThat(f.filter()).isEqualTo(text);
        assertThat(f.isShared()).isFalse();
        assertThat(f.shareName()).isNull();
    }

    @Test
    void rejectsEmptyFilter_MQTT_4_7_3_1() {
        assertInvalid("", "MQTT-4.7.3-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "#/a", "a#", "a/b#", "#a", "a/#b", "##", "a/##"})
    void rejectsMultiLevelWildcardNotAloneAndLast_MQTT_4_7_1_2(String text) {
        assertInvalid(text, "MQTT-4.7.1-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+", "+a", "a/b+/c", "++", "a/+b", "sport+"})
    void rejectsSingleLevelWildcardNotAlone_MQTT_4_7_1_3(String text) {
        assertInvalid(text, "MQTT-4.7.1-3");
    }

    @Test
    void parsesSharedSubscription_MQTT5_4_8_2() {
        TopicFilter f = TopicFilter.parse("$share/group1/sport/+/player1");
        assertThat(f.isShared()).isTrue();
        assertThat(f.shareName()).isEqualTo("group1");
        assertThat(f.filter()).isEqualTo("sport/+/player1");
        assertThat(f.text()).isEqualTo("$share/group1/sport/+/player1");
        assertThat(f.levels()).isEqualTo(3);
        assertThat(f.level(1)).isEqualTo("+");
        assertThat(f.hasWildcard()).isTrue();
    }

    @Test
    void sharedFilterMayBeJustAWildcard() {
        assertThat(TopicFilter.parse("$share/g/#").filter()).isEqualTo("#");
        assertThat(TopicFilter.parse("$share/g//").filter()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share//a", "$share/", "$share//"})
    void rejectsEmptyShareName_MQTT_4_8_2_1(String text) {
        assertInvalid(text, "MQTT-4.8.2-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share/g+/a", "$share/+/a", "$share/#/a", "$share/a#b/c", "$share/#"})
    void rejectsWildcardInShareName_MQTT_4_8_2_2(String text) {
        assertInvalid(text, "MQTT-4.8.2-2");
    }

    @Test
    void rejectsShareNameWithoutFilter_MQTT_4_8_2_2() {
        assertInvalid("$share/group", "MQTT-4.8.2-2");
        assertInvalid("$share/group/", "MQTT-4.7.3-1");
    }

    @Test
    void rejectsInvalidInnerFilter() {
        assertInvalid("$share/g/a/#/b", "MQTT-4.7.1-2");
        assertInvalid("$share/g/a+", "MQTT-4.7.1-3");
    }

    @Test
    void onlyTheExactSharePrefixMakesASharedSubscription() {
        assertThat(TopicFilter.parse("$share").isShared()).isFalse();
        assertThat(TopicFilter.parse("$shared/g/a").isShared()).isFalse();
        assertThat(TopicFilter.parse("$SHARE/g/a").isShared()).isFalse();
    }

    @Test
    void reportsLevelsAndWildcards() {
        TopicFilter f = TopicFilter.parse("a//b/");
        assertThat(f.levels()).isEqualTo(4);
        assertThat(f.level(1)).isEmpty();
        assertThat(f.level(3)).isEmpty();
        assertThat(f.hasWildcard()).isFalse();
        assertThat(TopicFilter.parse("a/#").hasWildcard()).isTrue();
        assertThat(TopicFilter.parse("+").levels()).isEqualTo(1);
    }

    @Test
    void equalityIsByFullText() {
        assertThat(TopicFilter.parse("a/+")).isEqualTo(TopicFilter.parse("a/+")).hasSameHashCodeAs(TopicFilter.parse("a/+"));
        assertThat(TopicFilter.parse("$share/g/a/+")).isNotEqualTo(TopicFilter.parse("a/+"));
    }

    private static void assertInvalid(String text, String clause) {
        assertThatThrownBy(() -> TopicFilter.parse(text))
                .isInstanceOf(InvalidTopicFilterException.class)
                .hasMessageContaining(clause)
                .satisfies(e -> assertThat(((InvalidTopicFilterException) e).clause()).isEqualTo(clause));
    }
}
