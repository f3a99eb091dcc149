package io.bastionmq.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matching truth table (MQTT5 4.7.1, 4.7.2), against the reference matcher. */
class TopicFilterMatchTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # exact
            a/b             | a/b                 | true
            a/b             | a/b/c               | false
            a/b             | a                   | false
            a/b             | a/c                 | false
            a/b             | A/b                 | false
            # '#' matches the parent level and any number below (MQTT5 4.7.1.2)
            sport/#         | sport               | true
            sport/#         | sport/              | true
            sport/#         | sport/tennis        | true
            sport/#         | sport/tennis/player | true
            sport/#         | sports              | false
            sport/tennis/#  | sport               | false
            '#'             | a                   | true
            '#'             | a/b/c               | true
            '#'             | /                   | true
            # '+' matches exactly one level, empty levels included (MQTT5 4.7.1.3)
            sport/+         | sport/tennis        | true
            sport/+         | sport               | false
            sport/+         | sport/              | true
            sport/+         | sport/tennis/x      | false
            +               | a                   | true
            +               | a/b                 | false
            +               | /a                  | false
            +/+             | /a                  | true
            /+              | /a                  | true
            a/+/b           | a//b                | true
            a/+/+           | a//                 | true
            +/+/+           | a/b                 | false
            +/#             | a                   | true
            +/#             | a/b/c               | true
            a/+/#           | a/b                 | true
            a/+/#           | a                   | false
            # empty levels are levels
            a//b            | a//b                | true
            a//b            | a/b                 | false
            /               | /                   | true
            /               | ''                  | false
            # MQTT-4.7.2-1: a leading wildcard never matches a '$' topic
            '#'             | $SYS/x              | false
            +/x             | $SYS/x              | false
            +               | $SYS                | false
            +/#             | $SYS/x              | false
            $SYS/#          | $SYS/x              | true
            $SYS/#          | $SYS                | true
            $SYS/+          | $SYS/x              | true
            $SYS/+/y        | $SYS/x/y            | true
            a/$x            | a/$x                | true
            a/+             | a/$x                | true
            # unicode levels
            ñandú/+         | ñandú/✓             | true
            +/✓             | ñandú/✓             | true
            ✓               | ✔                   | false
            \uD83D\uDE00/#  | \uD83D\uDE00/x      | true
            """)
    void matchesLikeTheSpecification(String filter, String topic, boolean expected) {
        assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            $share/g/sport/#   | sport/tennis | true
            $share/g/+         | a            | true
            $share/g/#         | $SYS/x       | false
            $share/g/$SYS/#    | $SYS/x       | true
            $share/g/a         | $share/g/a   | false
            """)
    void sharedFiltersMatchByTheirInnerFilter_MQTT5_4_8_2(String filter, String topic, boolean expected) {
        assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
    }
}
