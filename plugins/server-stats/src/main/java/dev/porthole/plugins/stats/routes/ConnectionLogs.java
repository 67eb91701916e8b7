package dev.porthole.plugins.stats.routes;

import dev.porthole.api.ssh.ConnectionStage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connect's stages as Termix's client shows them in {@code connectionLogs}: {@code type} (success or error),
 * {@code stage}, {@code message}, and the hop, timing and failure code as {@code details}.
 */
final class ConnectionLogs {
    private ConnectionLogs() {}

    static List<Map<String, Object>> of(List<ConnectionStage> stages) {
        return stages.stream().map(ConnectionLogs::entry).toList();
    }

    private static Map<String, Object> entry(ConnectionStage stage) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("hostId", stage.hostId());
        details.put("durationMs", stage.durationMs());
        stage.code().ifPresent(code -> details.put("code", code));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "ok".equals(stage.outcome()) ? "success" : "error");
        entry.put("stage", stage.stage());
        entry.put("message", stage.message());
        entry.put("details", details);
        return entry;
    }
}
