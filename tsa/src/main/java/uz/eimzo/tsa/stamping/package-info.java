/** One request to one reply: checks, the clock, the signer, the ledger, in that order. */
package uz.eimzo.tsa.stamping;
