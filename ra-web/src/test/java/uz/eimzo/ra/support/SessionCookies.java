package uz.eimzo.ra.support;

import java.net.http.HttpResponse;

/** Reads the servlet session id a real server hands out, for tests that follow one session across requests. */
public final class SessionCookies {

    private SessionCookies() {
    }

    /** The value of the JSESSIONID cookie the response sets, or null when it sets none. */
    public static String set(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring("JSESSIONID=".length(), c.contains(";") ? c.indexOf(';') : c.length()))
                .findFirst().orElse(null);
    }
}
