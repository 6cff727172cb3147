package uz.eimzo.fasthttp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection of a {@link NettyListener}, always on its event loop: reads each request whole (keeping at most one
 * byte past the body limit) and hands it to {@link #dispatch}; writes replies with or without keep-alive. Requests on
 * one connection are answered in order: while one is answered off the loop ({@link #pause()}), whatever arrives is
 * held until {@link #resumeLater} has written its reply, and reading stops once a few messages are held (a client
 * that pipelines).
 * <p>
 * Slow clients: a whole request (line, headers and body) must arrive within the read timeout of the connection
 * becoming ready for it (accepted, or the previous reply sent), or the connection is closed.
 */
public abstract class FastChannelHandler extends ChannelInboundHandlerAdapter {

    /**
     * Messages held during a pause before reading stops. A client that waits for each answer sends nothing meanwhile,
     * so its connection's read interest is never switched off and on (two epoll_ctl calls per request otherwise).
     */
    private static final int HOLD_BEFORE_STOPPING = 8;

    /** Past this much of an oversized body (Tomcat's swallow limit) the reply is sent and the connection closed. */
    private static final int DISCARD_LIMIT = 2 * 1024 * 1024;

    private final int maxRequestBytes;
    private final long readTimeoutNanos;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private HttpRequest request;
    private byte[] body = new byte[1024];
    private int length;
    private long received;
    private boolean paused;
    private ScheduledFuture<?> deadline;

    /** @param maxRequestBytes the body limit: a longer body reaches {@link #dispatch} as this many bytes plus one */
    protected FastChannelHandler(int maxRequestBytes, long readTimeoutNanos) {
        this.maxRequestBytes = maxRequestBytes;
        this.readTimeoutNanos = readTimeoutNanos;
    }

    /**
     * A request read whole. Must reply, now ({@link #send}, {@link #plain}) or later (after {@link #pause()}).
     *
     * @param body      the body, or its first {@code maxRequestBytes + 1} bytes when it is longer
     * @param keepAlive whether the client asked to keep the connection
     */
    protected abstract void dispatch(HttpRequest request, byte[] body, boolean keepAlive);

    /**
     * A request whose body went past the discard limit: it is read no further, and the connection is closed once
     * the reply is written (whatever keep-alive is asked of {@link #send}).
     *
     * @param body its first {@code maxRequestBytes + 1} bytes
     */
    protected abstract void abandoned(HttpRequest request, byte[] body);

    /** The value of the Date header of a reply that has none yet. */
    protected abstract String httpDate();

    /** A request that was begun but not received whole within the read timeout; the connection is being closed. */
    protected void timedOut() {
    }

    @Override
    public final void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        awaitRequest();
        ctx.fireChannelActive();
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        held.forEach(ReferenceCountUtil::release);
        held.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object message) {
        if (paused) {
            held.add(message);
            if (held.size() >= HOLD_BEFORE_STOPPING && ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        try {
            read(message);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
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
            HttpRequest complete = request;
            request = null;
            abandoned(complete, Arrays.copyOf(body, length));
            return;
        }
        if (message instanceof LastHttpContent) {
            HttpRequest complete = request;
            request = null;
            cancelDeadline();
            dispatch(complete, Arrays.copyOf(body, length), HttpUtil.isKeepAlive(complete));
        }
    }

    /** Keeps up to one byte past the limit: enough for the application to refuse the body as over-size. */
    private void append(ByteBuf content) {
        int n = content.readableBytes();
        received += n;
        int keep = (int) Math.min(n, maxRequestBytes + 1L - length);
        if (keep <= 0) {
            return;
        }
        if (length + keep > body.length) {
            body = Arrays.copyOf(body, Math.max(length + keep, body.length * 2));
        }
        content.readBytes(body, length, keep);
        length += keep;
    }

    /** Holds what this connection sends next while its current request is answered off the event loop. */
    protected final void pause() {
        paused = true;
    }

    /** Reads on after {@link #pause()} when the reply is written here and now, on the event loop. */
    protected final void proceed() {
        paused = false;
        if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * From any thread, after {@link #pause()}: runs {@code reply} (which writes the reply) on the event loop, then
     * reads the requests held meanwhile. False when the event loop is gone, and the connection with it: nobody is
     * left to answer.
     */
    protected final boolean resumeLater(Runnable reply) {
        try {
            ctx.executor().execute(() -> {
                proceed();
                reply.run();
                drainHeld();
            });
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
    }

    /** An HTTP error with no body, for paths and methods that are not the application's. */
    protected final void plain(HttpResponseStatus status, String allow, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        send(response, keepAlive);
    }

    /**
     * Writes a reply; then waits for the next request, or closes the connection when keep-alive was not asked for
     * or the request's body went past the discard limit.
     */
    protected final void send(FullHttpResponse response, boolean keepAlive) {
        if (!response.headers().contains(HttpHeaderNames.DATE)) {
            response.headers().set(HttpHeaderNames.DATE, httpDate());
        }
        boolean keep = keepAlive && received <= DISCARD_LIMIT;
        HttpUtil.setKeepAlive(response, keep);
        var written = ctx.writeAndFlush(response);
        if (keep) {
            awaitRequest();
        } else {
            cancelDeadline();
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void drainHeld() {
        while (!paused && !held.isEmpty() && ctx.channel().isActive()) {
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
                timedOut();
            }
            ctx.close();
        }, readTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
