/**
 * The registration pages: request list, application form, a request's page and workflow buttons, document scans and
 * enrollment codes. May use: registration, the CA core's services, home, inputs, security.
 */
package uz.eimzo.ra.requests;
