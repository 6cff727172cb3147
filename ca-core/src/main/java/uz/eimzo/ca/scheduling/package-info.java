/**
 * The CA's recurring jobs on a clustered (JDBC) Quartz scheduler: CRLs when due and at once after a status change,
 * responder certificates, audit checkpoints, expiry reminders; each firing runs on one node. May use: Quartz and
 * the ca-core services it runs.
 */
package uz.eimzo.ca.scheduling;
