package uz.eimzo.tsa.fast;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import uz.eimzo.fasthttp.FastChannelHandler;
import uz.eimzo.tsa.stamping.TimeStamper;

import java.util.concurrent.CompletableFuture;

/**
 * One connection of the Netty listener, always on its event loop: has the token signed there, and writes the reply
 * when the token's record is committed (reading pauses meanwhile). Reading, the limits and keep-alive are
 * {@link FastChannelHandler}'s.
 */
final class TsaChannelHandler extends FastChannelHandler {

    private static final String REPLY = "application/timestamp-reply";

    private final NettyTsaServer server;

    TsaChannelHandler(NettyTsaServer server) {
        super(server.maxRequestBytes, server.readTimeoutNanos);
        this.server = server;
    }

    /** The body is read no further: answered as any over-size body (the stamper refuses it), and closed. */
    @Override
    protected void abandoned(HttpRequest request, byte[] body) {
        dispatch(request, body, false);
    }

    /** The route of {@code web.TsaController}: POST /tsa. */
    @Override
    protected void dispatch(HttpRequest complete, byte[] content, boolean keepAlive) {
        String uri = complete.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.equals("/tsa")) {
            plain(HttpResponseStatus.NOT_FOUND, null, keepAlive);
            return;
        }
        if (!complete.method().equals(HttpMethod.POST)) {
            plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "POST", keepAlive);
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<TimeStamper.Reply> reply = server.stamper.stampAsync(content);
        if (reply.isDone()) {
            write(reply.join(), start, keepAlive);
            return;
        }
        pause();
        server.awaiting(1);
        reply.thenAccept(committed -> {
            boolean answered = resumeLater(() -> {
                server.awaiting(-1);
                write(committed, start, keepAlive);
            });
            if (!answered) {
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
        send(response, keepAlive);
    }

    @Override
    protected String httpDate() {
        return server.httpDate();
    }
}
