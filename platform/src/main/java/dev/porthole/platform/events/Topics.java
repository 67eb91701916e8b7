package dev.porthole.platform.events;

import dev.porthole.platform.plugins.PluginIds;
import java.util.regex.Pattern;

/** Topic names: {@code <pluginId>/<name>}, the plugin id first so that a plugin's topics can be closed together. */
public final class Topics {
    static final String RULE = "topics look like <pluginId>/<name>, e.g. hello/ticks";
    private static final String NAME = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern TOPIC = Pattern.compile(PluginIds.PATTERN + "/" + NAME);
    private static final Pattern NAME_ONLY = Pattern.compile(NAME);

    private Topics() {}

    /** The part of a topic a plugin names itself (the host puts its id in front). */
    public static boolean isValidName(String name) {
        return name != null && NAME_ONLY.matcher(name).matches();
    }

    static boolean isValid(String topic) {
        return topic != null && TOPIC.matcher(topic).matches();
    }

    static boolean belongsTo(String topic, String pluginId) {
        return topic.length() > pluginId.length()
                && topic.startsWith(pluginId)
                && topic.charAt(pluginId.length()) == '/';
    }
}
