package uz.eimzo.tsa.fast;

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
import uz.eimzo.tsa.stamping.TimeStamper;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection of the Netty listener, always on its event loop: reads a request, has the token signed there, and
 * writes the reply when the token's record is committed. Requests on one connection are answered in order: while one
 * waits for its commit, reading stops and whatever was already decoded waits with it.
 */
final class TsaChannelHandler extends ChannelInboundHandlerAdapter {

    private static final String REPLY = "application/timestamp-reply";
    /** Past this much of an oversized body (Tomcat's swallow limit) the refusal is sent and the connection closed. */
    private static final int DISCARD_LIMIT = 2 * 1024 * 1024;

    private final NettyTsaServer server;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private HttpRequest request;
    private byte[] body = new byte[512];
    private int length;
    private long received;
    private boolean waiting;
    private ScheduledFuture<?> deadline;

    TsaChannelHandler(NettyTsaServer server) {
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
        if (waiting) {
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
            plain(HttpResponseStatus.BAD_REQUEST, false);
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
            // The body is read no further: answer as for any over-size body, and close.
            HttpRequest complete = request;
            request = null;
            dispatch(complete, Arrays.copyOf(body, length), false);
            return;
        }
        if (message instanceof LastHttpContent) {
            HttpRequest complete = request;
            request = null;
            cancelDeadline();
            dispatch(complete, Arrays.copyOf(body, length), HttpUtil.isKeepAlive(complete));
        }
    }

    /** Keeps up to one byte past the limit: enough for the stamper to refuse the body as over-size. */
    private void append(ByteBuf content) {
        int n = content.readableBytes();
        received += n;
        int keep = (int) Math.min(n, server.maxRequestBytes + 1L - length);
        if (keep <= 0) {
            return;
        }
        if (length + keep > body.length) {
            body = Arrays.copyOf(body, Math.max(length + keep, body.length * 2));
        }
        content.readBytes(body, length, keep);
        length += keep;
    }

    /** The route of {@code web.TsaController}: POST /tsa. */
    private void dispatch(HttpRequest complete, byte[] content, boolean keepAlive) {
        String uri = complete.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.equals("/tsa")) {
            plain(HttpResponseStatus.NOT_FOUND, keepAlive);
            return;
        }
        if (!complete.method().equals(HttpMethod.POST)) {
            plain(HttpResponseStatus.METHOD_NOT_ALLOWED, keepAlive);
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<TimeStamper.Reply> reply = server.stamper.stampAsync(content);
        if (reply.isDone()) {
            write(reply.join(), start, keepAlive);
            return;
        }
        waiting = true;
        server.awaiting(1);
        ctx.channel().config().setAutoRead(false);
        reply.thenAccept(committed -> {
            try {
                ctx.executor().execute(() -> {
                    waiting = false;
                    server.awaiting(-1);
                    ctx.channel().config().setAutoRead(true);
                    write(committed, start, keepAlive);
                    drainHeld();
                });
            } catch (RejectedExecutionException shuttingDown) {
                // The event loop is gone and the connection with it: nobody is left to answer.
                server.awaiting(-1);
            }
        });
    }

    private void write(TimeStamper.Reply reply, long start, boolean keepAlive) {
        server.timers.record(reply, start);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, REPLY)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        send(response, keepAlive && received <= DISCARD_LIMIT);
    }

    /** An HTTP error with no body, for paths and methods that are not the TSA's. */
    private void plain(HttpResponseStatus status, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
        }
        send(response, keepAlive);
    }

    private void send(FullHttpResponse response, boolean keepAlive) {
        response.headers().set(HttpHeaderNames.DATE,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(server.clock.instant().atOffset(ZoneOffset.UTC)));
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
        while (!waiting && !held.isEmpty() && ctx.channel().isActive()) {
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
