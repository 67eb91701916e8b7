package dev.porthole.docker.transport;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One response, streamed from its connection. The connection goes back to the pool only when its body was read to the
 * end; docker-java's JSON reader stops at the end of the document, so a short unread rest of a body of known length
 * is read on close rather than losing the connection (and the remote process) over a few bytes. Any other unread body
 * (a log cut at its cap, an endless event stream) is abandoned with its connection: closing would otherwise read it
 * to its end, which may never come.
 */
final class DialStdioResponse implements DockerHttpClient.Response {
    /** Most unread bytes of a body of known length read on close to keep its connection. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private CountingStream body;

    DialStdioResponse(HttpUriRequestBase request, ClassicHttpResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public int getStatusCode() {
        return response.getCode();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return Arrays.stream(response.getHeaders())
                .collect(Collectors.groupingBy(
                        Header::getName, Collectors.mapping(Header::getValue, Collectors.toList())));
    }

    @Override
    public String getHeader(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    public synchronized InputStream getBody() {
        if (body == null) {
            HttpEntity entity = response.getEntity();
            try {
                body = new CountingStream(entity == null ? InputStream.nullInputStream() : entity.getContent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    @Override
    public synchronized void close() {
        try {
            boolean complete = response.getEntity() == null || body != null && body.ended || drainShortRest();
            if (!complete) {
                request.cancel();
            }
            response.close();
        } catch (IOException e) {
            // The connection is discarded either way; nothing the caller could act on.
        }
    }

    /** @return whether the body is now read to its end (and its connection back in the pool) */
    private boolean drainShortRest() throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity.getContentLength() < 0) {
            return false;
        }
        long rest = entity.getContentLength() - (body == null ? 0 : body.count);
        if (rest > DRAIN_LIMIT) {
            return false;
        }
        InputStream in = getBody();
        byte[] sink = new byte[8192];
        while (in.read(sink) >= 0) {
            // reading to the end hands the connection back to the pool
        }
        return true;
    }

    private static final class CountingStream extends FilterInputStream {
        private long count;
        private boolean ended;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            } else {
                ended = true;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            } else if (n < 0) {
                ended = true;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
