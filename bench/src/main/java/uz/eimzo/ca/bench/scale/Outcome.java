package uz.eimzo.ca.bench.scale;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the load saw, written by the load's threads and read by the verification and the report. */
final class Outcome {
    /** Warm-up under full load (discarded: JIT compilation of five JVMs), before the kill, after the kill. */
    final Phase[] phases = {new Phase(), new Phase(), new Phase()};
    /** Every certificate whose issue call returned 200, with the node that issued it. */
    final Map<BigInteger, String> issuedOk = new ConcurrentHashMap<>();
    final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    final Queue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
    final Queue<String> issuanceErrors = new ConcurrentLinkedQueue<>();
    final List<String> revocationChecks = Collections.synchronizedList(new ArrayList<>());
    final List<Long> revocationLatencies = Collections.synchronizedList(new ArrayList<>());
    /** Requests whose issue call was cut by the kill and refused on retry: did the dead node issue them? */
    final Queue<Long> cutAtKill = new ConcurrentLinkedQueue<>();
    volatile int phase;
    volatile long killNanos;

    Phase current() {
        return phases[phase];
    }
}
