package uz.eimzo.ocsp.fast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.MDC;
import uz.eimzo.fasthttp.FastChannelHandler;
import uz.eimzo.monitoring.tracing.RequestIdFilter;
import uz.eimzo.ocsp.responding.OcspReply;
import uz.eimzo.ocsp.web.OcspHttp;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * One connection of the Netty listener, always on its event loop: answers a request from the cache there and then,
 * or hands it to the server's bounded virtual threads and answers when they are done. Reading, the limits and
 * keep-alive are {@link FastChannelHandler}'s.
 */
final class OcspChannelHandler extends FastChannelHandler {

    private final NettyOcspServer server;

    OcspChannelHandler(NettyOcspServer server) {
        super(server.maxRequestBytes, server.readTimeoutNanos);
        this.server = server;
    }

    @Override
    protected void abandoned(HttpRequest request, byte[] body) {
        write(server.responder.malformed(), false, false, null, List.of(), false);
    }

    /** The routes of {@code web.OcspController}: POST /ocsp and /ocsp/, GET (and HEAD) /ocsp/{base64}. */
    @Override
    protected void dispatch(HttpRequest complete, byte[] body, boolean keepAlive) {
        byte[] content = body.length > server.maxRequestBytes ? null : body;
        String uri = complete.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        HttpMethod method = complete.method();
        boolean root = path.equals("/ocsp") || path.equals("/ocsp/");
        if (!root && !path.startsWith("/ocsp/")) {
            plain(HttpResponseStatus.NOT_FOUND, null, keepAlive);
        } else if (method.equals(HttpMethod.POST) && root) {
            String id = RequestIdFilter.accepted(complete.headers().get(RequestIdFilter.HEADER));
            answer(content, false, false, id, List.of(), keepAlive);
        } else if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
            byte[] der = OcspHttp.decodeGetPath(path.length() <= 6 ? "" : path.substring(6), server.maxRequestBytes);
            String id = RequestIdFilter.accepted(complete.headers().get(RequestIdFilter.HEADER));
            answer(der, true, method.equals(HttpMethod.HEAD), id, complete.headers().getAll(HttpHeaderNames.IF_NONE_MATCH), keepAlive);
        } else {
            plain(HttpResponseStatus.METHOD_NOT_ALLOWED, root ? "GET,HEAD,POST" : "GET,HEAD", keepAlive);
        }
    }

    /** Answers from the cache on the loop, or hands the request off; null bytes: malformedRequest. */
    private void answer(byte[] der, boolean get, boolean head, String id, List<String> ifNoneMatch, boolean keepAlive) {
        if (der == null) {
            write(server.responder.malformed(), get, head, id, ifNoneMatch, keepAlive);
            return;
        }
        OcspReply cached = traced(id, () -> server.responder.answerIfCached(der));
        if (cached != null) {
            write(cached, get, head, id, ifNoneMatch, keepAlive);
            return;
        }
        pause();
        boolean accepted = server.offload(() -> {
            OcspReply reply = traced(id, () -> server.responder.answer(der));
            resumeLater(() -> write(reply, get, head, id, ifNoneMatch, keepAlive));
        });
        if (!accepted) {
            proceed();
            write(server.responder.busy(), get, head, id, ifNoneMatch, keepAlive);
        }
    }

    private static OcspReply traced(String id, Supplier<OcspReply> answer) {
        if (id == null) {
            return answer.get();
        }
        MDC.put(RequestIdFilter.MDC_KEY, id);
        try {
            return answer.get();
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
    }

    private void write(OcspReply reply, boolean get, boolean head, String id, List<String> ifNoneMatch, boolean keepAlive) {
        Instant now = server.clock.instant();
        boolean notModified = get && OcspHttp.notModified(reply, ifNoneMatch);
        ByteBuf content = notModified || head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.der());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                notModified ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK, content);
        var headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, OcspHttp.OCSP_RESPONSE);
        OcspHttp.cachingHeaders(reply, get, now).forEach(headers::set);
        if (!headers.contains(HttpHeaderNames.DATE)) {
            headers.set(HttpHeaderNames.DATE, OcspHttp.http(now));
        }
        if (id != null) {
            headers.set(RequestIdFilter.HEADER, id);
        }
        if (!notModified) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, reply.der().length);
        }
        send(response, keepAlive);
    }

    @Override
    protected String httpDate() {
        return OcspHttp.http(server.clock.instant());
    }

    @Override
    protected void timedOut() {
        server.timedOut();
    }
}
