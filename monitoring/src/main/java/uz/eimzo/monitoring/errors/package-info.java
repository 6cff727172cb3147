/** How both applications answer around their error pages. */
package uz.eimzo.monitoring.errors;
