package dev.porthole.plugins.dockerssh.docker;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Byte counts written as the Docker CLI writes them in {@code docker stats} (go-units): memory in binary units with 4
 * significant digits ("128MiB"), network and block I/O in decimal units with 3 ("1.23kB"), trailing zeros dropped.
 */
final class ByteSizes {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

    private ByteSizes() {}

    /** go-units {@code BytesSize}: base 1024, {@code %.4g}. */
    static String binary(double bytes) {
        return format(bytes, 1024.0, BINARY, 4);
    }

    /** go-units {@code HumanSizeWithPrecision(size, 3)}: base 1000, {@code %.3g}. */
    static String decimal(double bytes) {
        return format(bytes, 1000.0, DECIMAL, 3);
    }

    private static String format(double size, double base, String[] units, int digits) {
        int unit = 0;
        while (size >= base && unit < units.length - 1) {
            size /= base;
            unit++;
        }
        // Go's %g without an exponent (the scaled value is below the base, so below 10^digits): significant digits,
        // trailing zeros removed.
        String number = new BigDecimal(size)
                .round(new MathContext(digits, RoundingMode.HALF_EVEN))
                .stripTrailingZeros()
                .toPlainString();
        return number + units[unit];
    }
}
