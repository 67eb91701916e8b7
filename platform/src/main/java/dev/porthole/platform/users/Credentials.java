package dev.porthole.platform.users;

import dev.porthole.platform.errors.ApiException;
import java.util.regex.Pattern;

/** The rules for usernames and passwords, in one place for the API, the first admin and the tests. */
public final class Credentials {
    public static final String USERNAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";
    public static final String USERNAME_RULE =
            "must be 1-64 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit";
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 256;
    private static final Pattern USERNAME = Pattern.compile(USERNAME_PATTERN);

    private Credentials() {}

    static void checkUsername(String field, String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.invalidField(field, USERNAME_RULE);
        }
    }

    static void checkPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw ApiException.invalidField(field, "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }
}
