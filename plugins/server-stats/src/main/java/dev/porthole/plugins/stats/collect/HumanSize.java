package dev.porthole.plugins.stats.collect;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Byte counts written as {@code df -h} writes them ({@code 512}, {@code 4.0K}, {@code 1.5G}, {@code 20G}): powers of
 * 1024, rounded up, one decimal below 10. It lets the script run df once, in bytes.
 */
final class HumanSize {
    private static final String UNITS = "KMGTPEZY";
    private static final BigDecimal KIB = BigDecimal.valueOf(1024);
    private static final BigDecimal TEN = BigDecimal.TEN;

    private HumanSize() {}

    static String of(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        // dividing by 1024 is exact in decimal, so the rounding below is df's and not a float's
        BigDecimal value = BigDecimal.valueOf(bytes);
        int unit = -1;
        while (value.compareTo(KIB) >= 0 && unit < UNITS.length() - 1) {
            value = value.divide(KIB);
            unit++;
        }
        if (value.compareTo(TEN) < 0) {
            BigDecimal tenths = value.setScale(1, RoundingMode.CEILING);
            if (tenths.compareTo(TEN) < 0) {
                return tenths.toPlainString() + UNITS.charAt(unit);
            }
        }
        BigDecimal whole = value.setScale(0, RoundingMode.CEILING);
        if (whole.compareTo(KIB) >= 0 && unit < UNITS.length() - 1) {
            return "1.0" + UNITS.charAt(unit + 1);
        }
        return whole.toPlainString() + UNITS.charAt(unit);
    }
}
