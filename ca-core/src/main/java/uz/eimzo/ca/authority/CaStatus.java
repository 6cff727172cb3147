package uz.eimzo.ca.authority;

/** A CA row's status: an active CA signs and is published; a retired one is kept for its history only. */
public enum CaStatus {
    ACTIVE,
    RETIRED
}
