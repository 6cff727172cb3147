/** The national (GOST-UZ) deployment as the launcher's defaults make it, tested black-box. */
package uz.eimzo.ra.gost;
