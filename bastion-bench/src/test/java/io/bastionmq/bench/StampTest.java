package io.bastionmq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastionmq.bench.run.Stamp;
import org.junit.jupiter.api.Test;

class StampTest {
    @Test
    void payloadCarriesPublisherSequenceAndTimeBigEndianThenZeros() {
        byte[] payload = new Stamp(0x01020304, 5, 0x1122334455667788L).toPayload(24);

        assertThat(payload).containsExactly(
                0x01, 0x02, 0x03, 0x04,                                      // publisher
                0, 0, 0, 0, 0, 0, 0, 5,                                      // sequence
                0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88,       // sent, epoch ns
                0, 0, 0, 0);                                                 // padding
        assertThat(Stamp.read(payload)).isEqualTo(new Stamp(0x01020304, 5, 0x1122334455667788L));
    }

    @Test
    void clockIsCloseToTheWallClock() {
        long wall = System.currentTimeMillis() * 1_000_000L;
        assertThat(Math.abs(Stamp.now() - wall)).isLessThan(1_000_000_000L);
    }
}
