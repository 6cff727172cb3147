/**
 * The optional event-loop OCSP listener ({@code eimzo.ocsp.netty.port}): the same protocol surface as the
 * Tomcat controller in {@code web}, on the Netty listener shared with the TSA ({@code uz.eimzo.fasthttp}, module
 * fast-http: connections, limits, timeouts, keep-alive). Cached answers are written on the event loop; anything
 * that may read the database or sign runs on a bounded set of virtual threads, and past that bound the answer is
 * tryLater. Netty is I/O only here: every answer comes from {@code responding.OcspResponder}.
 */
package uz.eimzo.ocsp.fast;
