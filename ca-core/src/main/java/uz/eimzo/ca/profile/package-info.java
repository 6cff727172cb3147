/**
 * What a certificate for each applicant type contains: subject DN in E-IMZO order, key types and key usage,
 * policies, validity (over 24 months is refused at start-up). May use: ca-crypto, identity.
 */
package uz.eimzo.ca.profile;
