package uz.eimzo.ra.inputs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a handler that checks the text fields of a form with {@link uz.eimzo.ca.text.TextRules} itself and shows the
 * operator a field error (the registration form): {@link PrintableParameters} leaves the parameters named like the
 * form's components to it and checks the others as usual.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChecksItsOwnText {

    /** The form whose fields the handler checks. */
    Class<? extends Record> value();
}
