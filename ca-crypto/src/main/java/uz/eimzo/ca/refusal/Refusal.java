package uz.eimzo.ca.refusal;

/** A refusal by the CA's rules: a stable code for message bundles and API clients, and a message safe to show. */
public interface Refusal {

    String code();

    String getMessage();
}
