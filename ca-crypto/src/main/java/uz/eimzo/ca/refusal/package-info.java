/**
 * {@code Refusal}: a stable code and a safe message for every refusal by the CA's rules, which the applications
 * turn into texts in the reader's language. May use: nothing of ours; it is the bottom of the graph.
 */
package uz.eimzo.ca.refusal;
