/** Load on the time-stamp authority and the signed-document verification service (bench/tsa-bench.sh). */
package uz.eimzo.ca.bench.tsa;
