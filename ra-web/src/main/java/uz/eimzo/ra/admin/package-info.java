/**
 * Administration: service centres, operator accounts and operator client certificates; every change audited. May
 * use: registration, the CA core's services, ra-web's home, operator and security.
 */
package uz.eimzo.ra.admin;
