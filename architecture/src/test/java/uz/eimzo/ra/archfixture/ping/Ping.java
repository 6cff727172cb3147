package uz.eimzo.ra.archfixture.ping;

import uz.eimzo.ra.archfixture.pong.Pong;

/** Fixture, with {@link Pong}: a cycle between two packages. */
public class Ping {

    Pong next() {
        return new Pong();
    }
}
