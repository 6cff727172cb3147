package uz.eimzo.ocsp.fast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.MDC;
import uz.eimzo.monitoring.tracing.RequestIdFilter;
import uz.eimzo.ocsp.responding.OcspReply;
import uz.eimzo.ocsp.web.OcspHttp;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One connection of the Netty listener, always on its event loop: reads a request, answers from the cache there
 * and then, or hands it to the server's bounded virtual threads and answers when they are done. Requests on one
 * connection are answered in order: while one is off the loop, reading stops and whatever was already decoded waits.
 */
final class OcspChannelHandler extends ChannelInboundHandlerAdapter {

    /** Past this much of an oversized body (Tomcat's swallow limit) the answer is sent and the connection closed. */
    private static final int DISCARD_LIMIT = 2 * 1024 * 1024;

    private final NettyOcspServer server;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private HttpRequest request;
    private byte[] body = new byte[1024];
    private int length;
    private long received;
    private boolean offloaded;
    private ScheduledFuture<?> deadline;

    OcspChannelHandler(NettyOcspServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        awaitRequest();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        held.forEach(ReferenceCountUtil::release);
        held.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (offloaded) {
            held.add(message);
            return;
        }
        try {
            read(message);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the peer or a broken pipe: nothing to answer.
        ctx.close();
    }

    private void read(Object message) {
        if (message instanceof HttpObject object && object.decoderResult().isFailure()) {
            // An unreadable line or headers, or headers over the limit: Tomcat's answer too.
            plain(HttpResponseStatus.BAD_REQUEST, null, false);
            return;
        }
        if (message instanceof HttpRequest head) {
            request = head;
            length = 0;
            received = 0;
        }
        if (!(message instanceof HttpContent content) || request == null) {
            return;
        }
        append(content.content());
        if (received > DISCARD_LIMIT) {
            request = null;
            answer(() -> server.responder.malformed(), false, false, null, List.of(), false);
            return;
        }
        if (message instanceof LastHttpContent) {
            HttpRequest complete = request;
            request = null;
            cancelDeadline();
            dispatch(complete, received > server.maxRequestBytes ? null : Arrays.copyOf(body, length));
        }
    }

    private void append(ByteBuf content) {
        int n = content.readableBytes();
        received += n;
        if (received > server.maxRequestBytes) {
            return;
        }
        if (length + n > body.length) {
            body = Arrays.copyOf(body, Math.max(length + n, body.length * 2));
        }
        content.readBytes(body, length, n);
        length += n;
    }

    /** The routes of {@code web.OcspController}: POST /ocsp and /ocsp/, GET (and HEAD) /ocsp/{base64}. */
    private void dispatch(HttpRequest complete, byte[] content) {
        String uri = complete.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        boolean keepAlive = HttpUtil.isKeepAlive(complete);
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
            answer(() -> server.responder.malformed(), get, head, id, ifNoneMatch, keepAlive);
            return;
        }
        OcspReply cached = traced(id, () -> server.responder.answerIfCached(der));
        if (cached != null) {
            write(cached, get, head, id, ifNoneMatch, keepAlive);
            return;
        }
        offloaded = true;
        ctx.channel().config().setAutoRead(false);
        boolean accepted = server.offload(() -> {
            OcspReply reply = traced(id, () -> server.responder.answer(der));
            try {
                ctx.executor().execute(() -> {
                    offloaded = false;
                    ctx.channel().config().setAutoRead(true);
                    write(reply, get, head, id, ifNoneMatch, keepAlive);
                    drainHeld();
                });
            } catch (RejectedExecutionException shuttingDown) {
                // The event loop is gone and the connection with it: nobody is left to answer.
            }
        });
        if (!accepted) {
            offloaded = false;
            ctx.channel().config().setAutoRead(true);
            write(server.responder.busy(), get, head, id, ifNoneMatch, keepAlive);
        }
    }

    private void answer(Supplier<OcspReply> reply, boolean get, boolean head, String id, List<String> ifNoneMatch,
                        boolean keepAlive) {
        write(reply.get(), get, head, id, ifNoneMatch, keepAlive && received <= DISCARD_LIMIT);
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

    /** An HTTP error with no body, as for paths and methods that are not OCSP. */
    private void plain(HttpResponseStatus status, String allow, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        response.headers().set(HttpHeaderNames.DATE, OcspHttp.http(server.clock.instant()));
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        send(response, keepAlive);
    }

    private void send(FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (keepAlive) {
            awaitRequest();
        } else {
            cancelDeadline();
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void drainHeld() {
        while (!offloaded && !held.isEmpty() && ctx.channel().isActive()) {
            Object message = held.poll();
            try {
                read(message);
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /** The next request must be complete within the read timeout, or the connection is closed (slow or idle clients). */
    private void awaitRequest() {
        cancelDeadline();
        deadline = ctx.executor().schedule(() -> {
            if (request != null) {
                server.timedOut();
            }
            ctx.close();
        }, server.readTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
