/**
 * The one rule for text that comes from outside (forms, JSON, query parameters): printable, without control,
 * invisible or bidirectional-override characters, and within the X.520 upper bounds where it ends up in a
 * certificate. Every entry point checks with {@link uz.eimzo.ca.text.TextRules}, so a NUL byte never reaches
 * PostgreSQL and a right-to-left override never reaches a signed name.
 */
package uz.eimzo.ca.text;
