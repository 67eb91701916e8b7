package dev.porthole.platform.plugins;

import java.util.regex.Pattern;

/**
 * The one rule for plugin ids: it names the plugin in the admin API and in its files, prefixes its event topics and
 * its settings, and becomes part of file and table names, so it is kept to what is safe in each of them.
 */
public final class PluginIds {
    /** 1 to 63 lowercase letters, digits and {@code -}, starting with a letter or a digit. */
    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,62}";

    static final String RULE = "1-63 lowercase letters, digits and '-', starting with a letter or digit";
    private static final Pattern ID = Pattern.compile(PATTERN);

    private PluginIds() {}

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
