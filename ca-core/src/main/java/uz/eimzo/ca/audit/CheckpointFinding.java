package uz.eimzo.ca.audit;

/**
 * What a check of the signed checkpoints found, as the chain's verification needs it: the audit row the first broken
 * checkpoint names (null when none, or when its signature is what failed) and why.
 */
public interface CheckpointFinding {

    Long firstBrokenEventId();

    String problem();
}
