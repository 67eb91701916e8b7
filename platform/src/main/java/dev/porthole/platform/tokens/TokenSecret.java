package dev.porthole.platform.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of an API token: {@code pht_<id>_<secret>} with 256 random bits of secret. The id finds the row; the
 * secret is compared by its SHA-256 in constant time. A random 256-bit secret needs no slow password hash.
 */
record TokenSecret(long tokenId, String secret) {
    static final String PREFIX = "pht_";
    private static final Pattern FORM = Pattern.compile("pht_([1-9][0-9]{0,18})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Optional<TokenSecret> parse(String token) {
        Matcher m = FORM.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TokenSecret(Long.parseLong(m.group(1)), m.group(2)));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    boolean matches(String storedHash) {
        return MessageDigest.isEqual(
                hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    String text() {
        return PREFIX + tokenId + "_" + secret;
    }

    @Override
    public String toString() {
        return "TokenSecret[tokenId=" + tokenId + "]";
    }
}
