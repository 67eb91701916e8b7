package dev.porthole.platform.events;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Finishes the filter chain of a WebSocket upgrade on the connection's event loop. Micronaut 4.10 switches the
 * connection to WebSocket frames on whichever thread the filters finish on, and ours finish on the blocking executor
 * (the API-token lookup reads the database). Off the event loop the switch races the client: a frame sent right
 * after the 101, as a browser does in {@code onopen}, reaches the HTTP handler instead, fails with a
 * ClassCastException and is lost. On the event loop, no read can come between the 101 and the switch.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class WebSocketUpgradeFilter implements HttpServerFilter {

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        EventExecutor eventLoop = ThreadExecutorMap.currentExecutor();
        if (eventLoop == null
                || !"websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeaders.UPGRADE))) {
            return chain.proceed(request);
        }
        return Flux.from(chain.proceed(request)).publishOn(Schedulers.fromExecutor(eventLoop));
    }

    @Override
    public int getOrder() {
        // outermost, so that it sees the response last, after security and every other filter
        return ServerFilterPhase.FIRST.before();
    }
}
