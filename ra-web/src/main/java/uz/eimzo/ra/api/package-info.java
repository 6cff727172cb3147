/**
 * The JSON API for integrators (the same workflow as the operator pages) and its one error shape, RFC 9457 problem
 * details with stable codes, documented in OpenAPI. May use: registration and the CA core's services; it never
 * signs.
 */
package uz.eimzo.ra.api;
