/**
 * The organisations' register as the RA asks it (ca-core's {@code OrganisationRegistry}): which person is the director
 * of a STIR. The state register is not reachable from here; what exists is a local simulator for the demo and the
 * tests ({@code eimzo.registry.simulator}), so that a centre may let directors finish remotely where it is on.
 */
package uz.eimzo.ra.registry;
