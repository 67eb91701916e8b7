package dev.porthole.plugins.containers.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.porthole.api.http.Request;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The rate limit that every container route shares (spec 004: 30 requests a minute, bursts of 20), one token bucket
 * per client: a bucket holds {@code capacity} tokens, a request takes one, and tokens come back greedily, one every
 * {@code period / tokens} (as Go's {@code rate.NewLimiter(0.5, 20)} does), so a client may burst 20 requests and then
 * go on at one every 2 seconds.
 *
 * <p>Time is the plugin's {@link Clock} (the host's, a controllable one in tests), both for the buckets and for
 * forgetting them. A bucket left alone for as long as it takes to fill up ({@link Limit#fullRefill()}, 40 s by default)
 * is full again, so forgetting it changes nothing the client can see: memory holds only the clients active in that
 * window, and at most {@code maximumClients} of them (beyond that the cache forgets some early, which only ever gives a
 * client a full bucket sooner).
 *
 * <p>The cache does its upkeep on the calling thread, not on a pool of the JVM, so no plugin code runs on a thread the
 * plugin does not own (and nothing holds the plugin's class loader after it stops).
 */
public final class RateLimiter {
    /** Clients tracked at most, by default: about 100 bytes a bucket, so some 10 MB at worst. */
    public static final long DEFAULT_MAXIMUM_CLIENTS = 100_000;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Limit limit;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /**
     * How much a client may do.
     *
     * @param capacity the burst: how many requests a rested client may make at once
     * @param tokens how many requests come back each {@code period}, spread evenly over it
     * @param period the refill period
     */
    public record Limit(long capacity, long tokens, Duration period) {
        /** Spec 004's "container operations": 30 requests a minute, bursts of 20. */
        public static final Limit DEFAULT = new Limit(20, 30, Duration.ofMinutes(1));

        public Limit {
            Objects.requireNonNull(period, "period");
            if (capacity < 1 || tokens < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a capacity and tokens of at least 1 and a"
                        + " positive period, not " + capacity + ", " + tokens + " per " + period);
            }
        }

        /** {@return how long an empty bucket takes to fill up again, rounded up to the nanosecond} */
        public Duration fullRefill() {
            long periodNanos = period.toNanos();
            return Duration.ofNanos(Math.multiplyExact(capacity, periodNanos) / tokens
                    + (Math.multiplyExact(capacity, periodNanos) % tokens == 0 ? 0 : 1));
        }

        /** {@return e.g. {@code 30 requests per minute (bursts of 20)}} */
        public String describe() {
            return tokens + " requests per " + describe(period) + " (bursts of " + capacity + ")";
        }

        private static String describe(Duration period) {
            if (period.equals(Duration.ofSeconds(1))) {
                return "second";
            }
            if (period.equals(Duration.ofMinutes(1))) {
                return "minute";
            }
            if (period.equals(Duration.ofHours(1))) {
                return "hour";
            }
            return period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
        }
    }

    /**
     * The answer to one request.
     *
     * @param allowed whether it may go on
     * @param retryAfterSeconds when refused, the whole seconds until a token is back (for {@code Retry-After}, at least
     *     1); 0 when allowed
     * @param remaining the tokens left in the client's bucket after this request
     */
    public record Decision(boolean allowed, long retryAfterSeconds, long remaining) {
        public Decision {
            if (allowed ? retryAfterSeconds != 0 : retryAfterSeconds < 1) {
                throw new IllegalArgumentException(
                        "retryAfterSeconds is 0 when allowed and at least 1 when refused, not " + retryAfterSeconds);
            }
        }
    }

    /**
     * The spec's limit, for at most {@link #DEFAULT_MAXIMUM_CLIENTS} clients.
     *
     * @param clock the plugin's clock
     */
    public RateLimiter(Clock clock) {
        this(clock, Limit.DEFAULT, DEFAULT_MAXIMUM_CLIENTS);
    }

    /**
     * A limit of so many requests a minute, for at most {@link #DEFAULT_MAXIMUM_CLIENTS} clients.
     *
     * @param burst how many requests a rested client may make at once
     * @param perMinute how many requests a client may make a minute, spread evenly over it
     * @param clock the plugin's clock
     */
    public RateLimiter(long burst, long perMinute, Clock clock) {
        this(clock, new Limit(burst, perMinute, Duration.ofMinutes(1)), DEFAULT_MAXIMUM_CLIENTS);
    }

    /**
     * @param clock the plugin's clock
     * @param limit what each client may do
     * @param maximumClients how many clients' buckets are kept at most
     */
    public RateLimiter(Clock clock, Limit limit, long maximumClients) {
        Objects.requireNonNull(clock, "clock");
        this.limit = Objects.requireNonNull(limit, "limit");
        if (maximumClients < 1) {
            throw new IllegalArgumentException("maximumClients must be at least 1, not " + maximumClients);
        }
        this.time = new ClockTime(clock);
        Ticker ticker = time::currentTimeNanos;
        this.buckets = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfterAccess(limit.fullRefill())
                .maximumSize(maximumClients)
                .build();
    }

    /**
     * The rate-limit key of a request: the signed-in user, whatever address they come from (so a user's browser and
     * scripts share one budget), else the client address.
     *
     * @param request the request
     * @param client its client address, as {@link ClientAddresses#resolve} gave it
     * @return {@code user:<id>} or {@code ip:<address>}
     */
    public static String keyOf(Request request, String client) {
        return request.caller().map(caller -> "user:" + caller.userId()).orElseGet(() -> "ip:" + client);
    }

    /**
     * As {@link #keyOf(Request, String)}, resolving the client address first.
     *
     * @param request the request
     * @param addresses the plugin's resolver
     * @return {@code user:<id>} or {@code ip:<address>}
     */
    public static String keyOf(Request request, ClientAddresses addresses) {
        return keyOf(request, addresses.resolve(request));
    }

    /**
     * Takes a token from the key's bucket, if it has one.
     *
     * @param key e.g. from {@link #keyOf}
     * @return allowed with the tokens left, or refused with when to retry
     */
    public Decision tryAcquire(String key) {
        Objects.requireNonNull(key, "key");
        Bucket bucket = buckets.get(key, unused -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0, probe.getRemainingTokens());
        }
        long nanos = probe.getNanosToWaitForRefill();
        long seconds = nanos / NANOS_PER_SECOND + (nanos % NANOS_PER_SECOND == 0 ? 0 : 1);
        return new Decision(false, Math.max(1, seconds), probe.getRemainingTokens());
    }

    /** {@return what each client may do} */
    public Limit limit() {
        return limit;
    }

    /** {@return e.g. {@code 30 requests per minute (bursts of 20)}, for error messages} */
    public String describe() {
        return limit.describe();
    }

    /** {@return how many clients' buckets are held now, after forgetting the idle ones} */
    public long trackedClients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillGreedy(limit.tokens(), limit.period())
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    /** Bucket4j's time, read from the plugin's clock in nanoseconds since the epoch. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), NANOS_PER_SECOND), now.getNano());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
