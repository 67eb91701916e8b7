package dev.porthole.platform.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit key every secret at rest is sealed under. It lives in a file outside the database, created with mode
 * 0600 on first start, so a copy of the database alone discloses no credential.
 */
public final class MasterKey {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;

    private MasterKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** Reads the key file, or creates it (0600) when it does not exist yet. */
    public static MasterKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                return create(file);
            }
            warnIfReadableByOthers(file);
            byte[] raw = Base64.getDecoder().decode(Files.readString(file).trim());
            if (raw.length != KEY_BYTES) {
                throw new IllegalStateException("master key file " + file + " does not hold a 256-bit key");
            }
            return new MasterKey(raw);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the master key file " + file, e);
        }
    }

    private static MasterKey create(Path file) throws IOException {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(
                parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // written whole to a private temporary file, then moved into place: a crash never leaves an empty key
        Path temporary =
                Files.createTempFile(parent, ".master", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temporary, Base64.getEncoder().encodeToString(raw) + "\n");
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Created a new master key for secrets at {}; back it up apart from the database", file);
        return new MasterKey(raw);
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.warn(
                    "Master key file {} is readable by others ({}); chmod 600 it",
                    file,
                    PosixFilePermissions.toString(permissions));
        }
    }

    SecretKey aesKey() {
        return key;
    }

    /**
     * A key for another purpose derived from this one (HMAC-SHA256 over the purpose), so that the master key file is
     * the only secret to keep and each use still has its own key.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
