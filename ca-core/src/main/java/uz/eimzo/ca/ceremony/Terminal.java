package uz.eimzo.ca.ceremony;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What the ceremony tool reads besides its arguments: environment variables and the operator's console.
 * Secrets come only from here, never from the command line, where other users of the machine can see them.
 */
public record Terminal(Map<String, String> environment, Prompt prompt, PrintWriter out, PrintWriter err) {

    /** Asks the operator for a secret without echoing it; returns null when nobody can be asked. */
    @FunctionalInterface
    public interface Prompt {
        char[] secret(String question);
    }

    public Terminal {
        environment = Map.copyOf(environment);
    }

    /** The real process: its environment and, when there is one, its console. */
    public static Terminal system() {
        Console console = System.console();
        Prompt prompt = console == null ? question -> null : question -> console.readPassword("%s: ", question);
        return new Terminal(System.getenv(), prompt, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** The secret from the environment variable, else from a prompt, else a refusal saying how to give it. */
    public char[] secret(String variable, String question) {
        String value = environment.get(variable);
        if (value != null) {
            return value.toCharArray();
        }
        char[] typed = prompt.secret(question);
        if (typed == null) {
            throw new CeremonyException(CeremonyException.USAGE, question + " is needed: set " + variable
                    + " or run the command on a terminal to be asked for it");
        }
        return typed;
    }
}
