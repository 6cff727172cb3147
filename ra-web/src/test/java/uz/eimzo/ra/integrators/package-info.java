/** Integrators' side of the JSON API: tokens made by administrators, and a whole centre's day over HTTP. */
package uz.eimzo.ra.integrators;
