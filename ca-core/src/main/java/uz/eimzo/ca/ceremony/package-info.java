/**
 * The key-ceremony command line (picocli): create a root or an issuing CA, import existing and recognise external
 * CAs, list, show and export CA certificates, verify the audit chain. Secrets come from the environment or the
 * console, never from arguments. May use: the whole CA core and key storages; it is one of the few places allowed
 * to create and open CA keys.
 */
package uz.eimzo.ca.ceremony;
