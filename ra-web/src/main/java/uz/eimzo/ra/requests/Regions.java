package uz.eimzo.ra.requests;

import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Uzbekistan's regions (with their names in Uzbek, Russian and English) and their districts and cities, read once
 * from {@code regions.txt}, for the application form's selects (pages use it as {@code @regions}). The value a select
 * posts, stored and certified as ST and L, is the Uzbek name; district names are Uzbek in every language.
 */
@Component("regions")
public class Regions {

    /** A region: its Uzbek name (the value), its names for the reader, and its districts and cities. */
    public record Region(String code, String uz, String ru, String en, List<String> districts) {

        /** The region's name in the reader's language. */
        public String name(Locale locale) {
            return switch (locale.getLanguage()) {
                case "ru" -> ru;
                case "en" -> en;
                default -> uz;
            };
        }
    }

    private final List<Region> all;

    Regions() {
        this.all = read();
    }

    public List<Region> all() {
        return all;
    }

    /** Whether a typed or stored value is one of the list's regions (else the form shows it as typed). */
    public boolean known(String region) {
        return region != null && all.stream().anyMatch(r -> r.uz().equals(region));
    }

    /** Whether a value is one of the list's districts or cities. */
    public boolean knownDistrict(String district) {
        return district != null && all.stream().anyMatch(r -> r.districts().contains(district));
    }

    private static List<Region> read() {
        try (InputStream in = Regions.class.getResourceAsStream("/regions.txt")) {
            if (in == null) {
                throw new IllegalStateException("regions.txt is missing from the application");
            }
            List<Region> regions = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] part = line.split("\\|", -1);
                regions.add(new Region(part[0], part[1], part[2], part[3], Arrays.stream(part[4].split(";"))
                        .map(String::strip).map(d -> d.endsWith(" shahri") ? d : d + " tumani").toList()));
            }
            return List.copyOf(regions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
