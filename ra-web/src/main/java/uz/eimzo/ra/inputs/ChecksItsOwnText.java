package uz.eimzo.ra.inputs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a handler that checks every text parameter with {@link uz.eimzo.ca.text.TextRules} itself and shows the
 * operator a field error (the registration form): {@link PrintableParameters} leaves its parameters to it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChecksItsOwnText {
}
