/**
 * Text from outside, checked at the door: every request parameter and path variable against
 * {@link uz.eimzo.ca.text.TextRules} before a handler (and so before SQL) sees it, and {@code /error} answered
 * as a 404 when asked for directly.
 */
package uz.eimzo.ra.inputs;
