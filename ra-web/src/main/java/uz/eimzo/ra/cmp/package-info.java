/**
 * CMP (RFC 4210/9480, Lightweight CMP profile RFC 9483) over HTTP (RFC 6712): enrollment with an RA-issued code,
 * renewal (kur) with the current certificate, revocation by the key holder, CA certificates. The only package of
 * ra-web that uses Bouncy Castle.
 */
package uz.eimzo.ra.cmp;
