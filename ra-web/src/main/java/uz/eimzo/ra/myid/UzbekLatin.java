package uz.eimzo.ra.myid;

import java.util.Locale;
import java.util.Map;

/**
 * Uzbek Cyrillic to Uzbek Latin, for the register's names MyID returns only in Cyrillic (the patronymic has no
 * {@code _en} field). The letters are the Latin alphabet of the Law of the Republic of Uzbekistan of 6 May 1995 (No. 71-I,
 * amending the law of 2 September 1993 on the Uzbek alphabet based on the Latin script); the context rules for е and ц
 * are those of "O‘zbek tilining asosiy imlo qoidalari" (Cabinet of Ministers resolution No. 339, 24 August 1995):
 * е is "ye" at the start of a word and after a vowel or ъ/ь, "e" elsewhere; ц is "s" at the start of a word and after a
 * consonant, "ts" after a vowel. ў and ғ take the turned comma (o‘, g‘, U+2018), ъ the apostrophe (’, U+2019), ь is
 * dropped. Letters outside the Uzbek and Russian Cyrillic alphabets are left as they are. A capital followed by a
 * capital (a name written in capitals, as registers often are) gives a capital digraph: Ш → "SH" in "ШАВКАТ", "Sh" in
 * "Шавкат".
 */
final class UzbekLatin {

    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
            Map.entry('ё', "yo"), Map.entry('ж', "j"), Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "y"),
            Map.entry('к', "k"), Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"),
            Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"), Map.entry('у', "u"),
            Map.entry('ф', "f"), Map.entry('х', "x"), Map.entry('ч', "ch"), Map.entry('ш', "sh"), Map.entry('щ', "sh"),
            Map.entry('ы', "i"), Map.entry('э', "e"), Map.entry('ю', "yu"), Map.entry('я', "ya"), Map.entry('ў', "o‘"),
            Map.entry('қ', "q"), Map.entry('ғ', "g‘"), Map.entry('ҳ', "h"), Map.entry('ъ', "’"), Map.entry('ь', ""));

    private static final String VOWELS = "аеёиоуэюяўы";

    private UzbekLatin() {
    }

    /** The Latin spelling of a Cyrillic text; null stays null. */
    static String of(String cyrillic) {
        if (cyrillic == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(cyrillic.length() + 8);
        for (int i = 0; i < cyrillic.length(); i++) {
            char c = cyrillic.charAt(i);
            char lower = Character.toLowerCase(c);
            char before = i == 0 ? ' ' : Character.toLowerCase(cyrillic.charAt(i - 1));
            boolean wordStart = !Character.isLetter(before);
            String latin = switch (lower) {
                case 'е' -> wordStart || VOWELS.indexOf(before) >= 0 || before == 'ъ' || before == 'ь' ? "ye" : "e";
                case 'ц' -> !wordStart && VOWELS.indexOf(before) >= 0 ? "ts" : "s";
                default -> LETTERS.get(lower);
            };
            if (latin == null) {
                out.append(c);
            } else if (latin.isEmpty() || c == lower) {
                out.append(latin);
            } else {
                out.append(capitalised(latin, capitalWord(cyrillic, i)));
            }
        }
        return out.toString();
    }

    /** Whether the capital at {@code i} stands in a word written in capitals (a neighbouring letter is a capital too). */
    private static boolean capitalWord(String text, int i) {
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        char previous = i > 0 ? text.charAt(i - 1) : ' ';
        return Character.isLetter(next) ? Character.isUpperCase(next) : Character.isLetter(previous) && Character.isUpperCase(previous);
    }

    private static String capitalised(String latin, boolean allCaps) {
        return allCaps ? latin.toUpperCase(Locale.ROOT) : Character.toUpperCase(latin.charAt(0)) + latin.substring(1);
    }
}
