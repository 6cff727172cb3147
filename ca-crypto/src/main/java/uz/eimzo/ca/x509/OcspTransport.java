package uz.eimzo.ca.x509;

import uz.eimzo.ca.x509.UnusableOcspException.Reason;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An OCSP request POSTed over plain HTTP (RFC 6960 appendix A): no redirects, a connect timeout, a read timeout for
 * the answer, and the answer read up to a byte limit ({@link BoundedBody}), so a slow or endless responder costs at
 * most the two timeouts and {@code maxBytes} of memory.
 */
final class OcspTransport {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBytes;
    private final LazyHttpClient client;

    OcspTransport(Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.connectTimeout = connectTimeout;
        this.client = new LazyHttpClient(connectTimeout);
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    byte[] post(String url, byte[] request) throws UnusableOcspException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UnusableOcspException(Reason.NOT_PLAIN_HTTP, "not a URL: " + url, e);
        }
        if (uri.getHost() == null) {
            throw new UnusableOcspException(Reason.NOT_PLAIN_HTTP, "no host in " + url);
        }
        HttpRequest post = HttpRequest.newBuilder(uri).timeout(readTimeout)
                .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        CompletableFuture<HttpResponse<byte[]>> answer = client.get().sendAsync(post, info ->
                info.statusCode() == 200 && info.headers().firstValueAsLong("Content-Length").orElse(0) <= maxBytes
                        ? new BoundedBody(maxBytes) : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = answer.get(connectTimeout.plus(readTimeout).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new UnusableOcspException(Reason.RESPONDER_UNREACHABLE, "no answer within "
                    + connectTimeout.plus(readTimeout), e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnusableOcspException(Reason.RESPONDER_UNREACHABLE, "interrupted", e);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof UnusableCrlException tooLarge && tooLarge.reason() == UnusableCrlException.Reason.TOO_LARGE) {
                    throw new UnusableOcspException(Reason.RESPONSE_TOO_LARGE, tooLarge.getMessage(), e);
                }
            }
            throw new UnusableOcspException(Reason.RESPONDER_UNREACHABLE, String.valueOf(e.getCause()), e);
        }
        if (response.statusCode() != 200) {
            throw new UnusableOcspException(Reason.RESPONDER_ERROR, "HTTP " + response.statusCode());
        }
        if (response.body() == null) {
            throw new UnusableOcspException(Reason.RESPONSE_TOO_LARGE, "larger than " + maxBytes + " bytes");
        }
        return response.body();
    }
}
