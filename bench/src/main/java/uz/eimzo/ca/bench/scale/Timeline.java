package uz.eimzo.ca.bench.scale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The driver's clock and the timeline of the run, printed as it goes and kept for the report. */
final class Timeline {

    private final long t0 = System.nanoTime();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    /** Seconds since the driver started, the time every line of the report is stamped with. */
    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    void note(String line) {
        String stamped = String.format(Locale.ROOT, "%6.1f s  %s", seconds(), line);
        lines.add(stamped);
        System.out.println(stamped);
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
