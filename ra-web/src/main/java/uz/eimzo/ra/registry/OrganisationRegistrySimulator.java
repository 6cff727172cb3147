package uz.eimzo.ra.registry;

import uz.eimzo.ca.registration.OrganisationRegistry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for the state register of organisations, <b>for the demo and the tests only</b> (the real register
 * is not reachable from here, and its API is not public). It knows the organisations it is told about
 * ({@link #register}, or {@code eimzo.registry.simulator-entries} at start) and nothing else; {@link #down(boolean)}
 * makes it answer as an unreachable register would. It holds no real data and checks nothing.
 */
public final class OrganisationRegistrySimulator implements OrganisationRegistry {

    private final Map<String, Organisation> organisations = new ConcurrentHashMap<>();
    private volatile boolean down;

    /** Tells the simulator that {@code stir} is the organisation {@code name} whose director has {@code directorPinfl}. */
    public void register(String stir, String name, String directorPinfl) {
        organisations.put(stir, new Organisation(stir, name, directorPinfl));
    }

    /** Makes every question fail as an unreachable register would (true), or answer again (false). */
    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public Optional<Organisation> find(String stir) {
        if (down) {
            throw new Unavailable("The organisations' register simulator is down (simulated)");
        }
        return Optional.ofNullable(organisations.get(stir));
    }
}
