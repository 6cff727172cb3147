package uz.eimzo.ra.archfixture.pong;

import uz.eimzo.ra.archfixture.ping.Ping;

/** Fixture, with {@link Ping}: a cycle between two packages. */
public class Pong {

    Ping next() {
        return new Ping();
    }
}
