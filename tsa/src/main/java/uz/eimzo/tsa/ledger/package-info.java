/** The record of every token signed: table {@code timestamp_token}, written in batches before replies leave. */
package uz.eimzo.tsa.ledger;
