/**
 * The registration centre's domain, without HTTP: applicants and organisations recorded once (by PINFL, by STIR)
 * and versioned, requests and their four-eyes workflow, frozen identity snapshots, scans sealed with AES-256-GCM,
 * enrollment codes, centre-scoped certificate search. It asks the CA to issue and revoke and signs nothing. May
 * use: ca-core and ca-crypto; never ra-web.
 */
package uz.eimzo.ca.registration;
