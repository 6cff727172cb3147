/**
 * Operator sign-in by client certificate on the HTTPS port: the port itself and the filter that matches the
 * certificate to an enabled operator. May use: the CA core to certify the port's TLS key, operator, security.
 */
package uz.eimzo.ra.mtls;
