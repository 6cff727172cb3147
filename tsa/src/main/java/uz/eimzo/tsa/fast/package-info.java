/**
 * The optional event-loop time-stamp listener ({@code eimzo.tsa.netty.port}): {@code POST /tsa} as the Tomcat
 * controller in {@code web} serves it, on the Netty listener shared with the responder ({@code uz.eimzo.fasthttp},
 * module fast-http: connections, limits, timeouts, keep-alive). The token is signed on the event loop and its reply
 * written when the ledger has committed its record; Netty is I/O only here, every answer comes from
 * {@code stamping.TimeStamper}.
 */
package uz.eimzo.tsa.fast;
