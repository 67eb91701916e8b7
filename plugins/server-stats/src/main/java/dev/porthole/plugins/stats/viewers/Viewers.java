package dev.porthole.plugins.stats.viewers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Who is looking at a host's metrics: metrics of a host are polled only while it has a viewer. A viewer lasts
 * {@link #EXPIRY} after its last heartbeat; the first viewer of a host starts its metrics polling and the last one
 * leaving stops it (status checks go on). Viewer ids belong to the user who registered them: another user's heartbeat
 * or unregister of the same id does nothing.
 */
public final class Viewers {
    public static final Duration EXPIRY = Duration.ofMinutes(2);
    /** A client-chosen id: what fits a header or a log line, and nothing a shell could mistake. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** One registration. */
    public record Viewer(String id, long hostId, long userId, Instant lastHeartbeat) {}

    /** Whether a client-chosen id could be taken. */
    public enum Registered {
        OK,
        TAKEN_BY_ANOTHER_USER,
        REGISTERED_FOR_ANOTHER_HOST
    }

    private final Clock clock;
    private final LongConsumer firstViewer;
    private final LongConsumer lastViewerLeft;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Viewer> viewers = new ConcurrentHashMap<>();

    public Viewers(Clock clock, LongConsumer firstViewer, LongConsumer lastViewerLeft) {
        this.clock = clock;
        this.firstViewer = firstViewer;
        this.lastViewerLeft = lastViewerLeft;
    }

    public static boolean validClientId(String id) {
        return CLIENT_ID.matcher(id).matches();
    }

    /** Registers a new viewer of the host and returns its id, made here ({@code viewer-} and 128 random bits). */
    public String register(long hostId, long userId) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = "viewer-" + HexFormat.of().formatHex(bytes);
        register(id, hostId, userId);
        return id;
    }

    /**
     * Registers a viewer under an id the client chose; registering the same id again (for the same user and host)
     * counts as a heartbeat.
     */
    public synchronized Registered register(String id, long hostId, long userId) {
        Viewer held = viewers.get(id);
        if (held != null && held.userId() != userId) {
            return Registered.TAKEN_BY_ANOTHER_USER;
        }
        if (held != null && held.hostId() != hostId) {
            return Registered.REGISTERED_FOR_ANOTHER_HOST;
        }
        boolean first = held == null && count(hostId) == 0;
        viewers.put(id, new Viewer(id, hostId, userId, clock.instant()));
        if (first) {
            firstViewer.accept(hostId);
        }
        return Registered.OK;
    }

    /** {@return whether the id is a viewer of this user's; if so its time starts again} */
    public synchronized boolean heartbeat(String id, long userId) {
        Viewer held = viewers.get(id);
        if (held == null || held.userId() != userId) {
            return false;
        }
        viewers.put(id, new Viewer(id, held.hostId(), userId, clock.instant()));
        return true;
    }

    /** Removes the user's viewer of the host; {@return whether there was one} */
    public synchronized boolean unregister(long hostId, String id, long userId) {
        Viewer held = viewers.get(id);
        if (held == null || held.userId() != userId || held.hostId() != hostId) {
            return false;
        }
        remove(held);
        return true;
    }

    /** Removes every viewer the user has of the host; {@return how many} */
    public synchronized int unregisterAll(long hostId, long userId) {
        List<Viewer> theirs = viewers.values().stream()
                .filter(v -> v.hostId() == hostId && v.userId() == userId)
                .toList();
        theirs.forEach(this::remove);
        return theirs.size();
    }

    /** Forgets a host's viewers without the last-viewer call: the host is gone or stopped by other means. */
    public synchronized void forgetHost(long hostId) {
        viewers.values().removeIf(v -> v.hostId() == hostId);
    }

    /** Removes the viewers whose last heartbeat is more than {@link #EXPIRY} ago. */
    public synchronized void expire() {
        Instant oldest = clock.instant().minus(EXPIRY);
        List<Viewer> expired = new ArrayList<>();
        for (Viewer viewer : viewers.values()) {
            if (viewer.lastHeartbeat().isBefore(oldest)) {
                expired.add(viewer);
            }
        }
        expired.forEach(this::remove);
    }

    public boolean watched(long hostId) {
        return count(hostId) > 0;
    }

    private int count(long hostId) {
        return (int) viewers.values().stream().filter(v -> v.hostId() == hostId).count();
    }

    private void remove(Viewer viewer) {
        viewers.remove(viewer.id());
        if (count(viewer.hostId()) == 0) {
            lastViewerLeft.accept(viewer.hostId());
        }
    }
}
