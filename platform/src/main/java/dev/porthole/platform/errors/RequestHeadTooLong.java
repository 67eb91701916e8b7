package dev.porthole.platform.errors;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;

/**
 * Names what was too long in a request Netty refused to read. The framework answers every such request 413, which
 * tells a client to shorten a body it may not even have sent; here a request line (method, path and query) longer
 * than {@code micronaut.server.netty.max-initial-line-length} (4096 bytes) is 414 URI Too Long and headers beyond
 * {@code max-header-size} (8192) are 431, both as problems. Such a request never reaches routing, filters or
 * security, only the framework's error processing, which this decorates; so it holds for every route, the host's and
 * the plugins'.
 */
@Singleton
final class RequestHeadTooLong implements BeanCreatedEventListener<ErrorResponseProcessor<?>> {
    private final NettyHttpServerConfiguration server;

    RequestHeadTooLong(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public ErrorResponseProcessor<?> onCreated(BeanCreatedEvent<ErrorResponseProcessor<?>> event) {
        return decorated(event.getBean());
    }

    private <T> ErrorResponseProcessor<T> decorated(ErrorResponseProcessor<T> framework) {
        return (context, response) -> framework.processResponse(named(context, response), response);
    }

    /** For a too-long line or header block: the response's status set, and the context's message saying the limit. */
    private ErrorContext named(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return context;
        }
        DecoderResult decoded = netty.getNativeRequest().decoderResult();
        if (decoded.cause() instanceof TooLongHttpLineException) {
            response.status(HttpStatus.REQUEST_URI_TOO_LONG);
            // the server closes a connection it could not read a request from; without saying so, a client that
            // pools connections sends its next request down the closing one and gets no answer
            response.header(HttpHeaders.CONNECTION, "close");
            return message(
                    request,
                    "the request line (method, path and query) is longer than " + server.getMaxInitialLineLength()
                            + " bytes");
        }
        if (decoded.cause() instanceof TooLongHttpHeaderException) {
            response.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
            return message(request, "the request headers are larger than " + server.getMaxHeaderSize() + " bytes");
        }
        return context;
    }

    private static ErrorContext message(HttpRequest<?> request, String detail) {
        return ErrorContext.builder(request).errorMessage(detail).build();
    }
}
