package uz.eimzo.ca.registration;

/** The workflow of a certificate request: draft, submitted, approved, issued, or rejected with a reason. */
public enum RequestStatus { DRAFT, SUBMITTED, APPROVED, ISSUED, REJECTED }
