package uz.eimzo.ra.archfixture;

/**
 * Fixture, breaks the inline-name rule once, on the line marked: {@link java.util.Locale} in a comment is allowed,
 * and so is "java.util.Locale.ROOT" in a string.
 */
class InlineName {

    static final String TEXT = "java.util.Locale.ROOT";

    String upper(String text) {
        return text.toUpperCase(java.util.Locale.ROOT); // the one finding
    }
}
