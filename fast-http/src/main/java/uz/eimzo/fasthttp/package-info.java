/**
 * The Netty HTTP listener the OCSP responder and the time-stamp authority share for their optional event-loop ports
 * ({@code eimzo.ocsp.netty.*}, {@code eimzo.tsa.netty.*}): binding and event loops, the bound on connections, the
 * read timeout that closes slow clients, the limits on a request's head and body, reading a request whole, holding
 * later pipelined requests while one is answered elsewhere, and writing a reply with or without keep-alive.
 * What a request means and how it is answered stays in each application's {@code fast} package.
 * <p>
 * It may use Netty only: no module of ours, no Spring, no protocol (the architecture module's module graph
 * gives it no layer to access), so that both applications can depend on it while still depending on nothing of each
 * other.
 */
package uz.eimzo.fasthttp;
