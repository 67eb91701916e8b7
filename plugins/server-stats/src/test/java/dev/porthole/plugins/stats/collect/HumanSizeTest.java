package dev.porthole.plugins.stats.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HumanSizeTest {

    @Test
    void asDfHWritesThem() {
        assertThat(HumanSize.of(0)).isEqualTo("0");
        assertThat(HumanSize.of(1023)).isEqualTo("1023");
        assertThat(HumanSize.of(1024)).isEqualTo("1.0K");
        assertThat(HumanSize.of(1025)).isEqualTo("1.1K"); // rounded up, as df rounds
        assertThat(HumanSize.of(10239)).isEqualTo("10K"); // 9.99 rounds up to 10, written without a decimal
        assertThat(HumanSize.of(1048575)).isEqualTo("1.0M"); // 1023.99K rounds up into the next unit
        assertThat(HumanSize.of(1610612736)).isEqualTo("1.5G");
        assertThat(HumanSize.of(21474836480L)).isEqualTo("20G");
        assertThat(HumanSize.of(Long.MAX_VALUE)).isEqualTo("8.0E");
    }

    /** GNU numfmt shares df's rounding; thousands of sizes, on every unit boundary and at random. */
    @Test
    void agreesWithGnuNumfmt() throws IOException, InterruptedException {
        assumeTrue(LocalHostMetricsTest.onPath("numfmt"), "GNU numfmt (coreutils) is not on the PATH");
        List<Long> sizes = new ArrayList<>();
        for (int power = 0; power <= 60; power += 10) {
            long unit = 1L << power;
            for (long k = 1; k <= 1100 && k <= Long.MAX_VALUE / unit; k++) {
                sizes.add(unit * k - 1);
                sizes.add(unit * k);
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            sizes.add(random.nextLong() >>> (1 + random.nextInt(63)));
        }
        Process numfmt = new ProcessBuilder("numfmt", "--to=iec", "--round=up").start();
        numfmt.getOutputStream()
                .write(sizes.stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining("\n", "", "\n"))
                        .getBytes());
        numfmt.getOutputStream().close();
        String[] expected = new String(numfmt.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\n");
        assertThat(numfmt.waitFor()).isZero();
        assertThat(sizes.stream().map(HumanSize::of).toList()).containsExactly(expected);
    }
}
