/**
 * The registration pages: request list, application form and its drafts, a request's page and workflow buttons,
 * document scans, enrollment codes, the operator's work queues and the printable form and receipt. May use:
 * registration, the CA core's services, home, inputs, security.
 */
package uz.eimzo.ra.requests;
