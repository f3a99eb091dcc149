package io.bastionmq.security.authz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filter containment and overlap as sets of topics (MQTT5 4.7), including the '$' rule (MQTT-4.7.2-1). */
class FilterContainmentTest {

    @ParameterizedTest(name = "{1} ⊆ {0} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a/#              | a/+/c            | true
            a/#              | a                | true
            a/#              | a/#              | true
            a/+              | a/b              | true
            a/+              | a/+              | true
            a/+              | a/#              | false
            a/+              | a                | false
            a/+              | a/b/c            | false
            #                | a/b/c            | true
            #                | #                | true
            devices/dev1/#   | #                | false
            devices/dev1/#   | devices/+/x      | false
            devices/dev1/#   | devices/#        | false
            devices/dev1/#   | devices/dev1/x/+ | true
            devices/+/x      | devices/dev1/x   | true
            devices/+/x      | devices/+/x      | true
            +/+              | a/b              | true
            +/+              | a/#              | false
            a/b              | a/b              | true
            a/b              | a/+              | false
            a//b             | a/+/b            | false
            a/+/b            | a//b             | true
            #                | $SYS/broker      | false
            #                | $SYS/#           | false
            +/#              | $SYS/#           | false
            $SYS/#           | $SYS/broker/load | true
            $SYS/#           | #                | false
            $SYS/+           | $SYS/#           | false
            """)
    void contains(String allowed, String requested, boolean expected) {
        assertThat(FilterContainment.contains(FilterContainment.levels(allowed), FilterContainment.levels(requested))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} overlaps {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a/#              | a/+/c            | true
            a/secret         | a/+              | true
            a/secret         | #                | true
            a/secret/#       | a/+              | true
            a/secret/#       | a/+/x            | true
            a/b              | a/c              | false
            a/b              | a/b/c            | false
            a/+              | a/b/c            | false
            a/+              | +/b              | true
            devices/dev2/#   | devices/dev1/#   | false
            #                | $SYS/broker      | false
            $SYS/#           | #                | false
            $SYS/#           | +/broker         | false
            $SYS/#           | $SYS/+           | true
            """)
    void overlaps(String a, String b, boolean expected) {
        String[] x = FilterContainment.levels(a);
        String[] y = FilterContainment.levels(b);
        assertThat(FilterContainment.overlaps(x, y)).isEqualTo(expected);
        assertThat(FilterContainment.overlaps(y, x)).as("symmetric").isEqualTo(expected);
    }
}
