package dev.porthole.platform.events;

import java.util.regex.Pattern;

/** Topic names: {@code <pluginId>/<name>}, the plugin id first so that a plugin's topics can be closed together. */
final class Topics {
    static final String RULE = "topics look like <pluginId>/<name>, e.g. hello/ticks";
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}/[A-Za-z0-9._-]{1,64}");

    private Topics() {}

    static boolean isValid(String topic) {
        return topic != null && TOPIC.matcher(topic).matches();
    }

    static boolean belongsTo(String topic, String pluginId) {
        return topic.length() > pluginId.length()
                && topic.startsWith(pluginId)
                && topic.charAt(pluginId.length()) == '/';
    }
}
