/** JMH benchmarks of the CA core; results and the machine they ran on are in the README. */
package uz.eimzo.ca.bench;
