/**
 * Apply online (issue 21): the public application form at {@code /apply}, the applicant's tracking page and remote
 * collection of the certificate, the registrars' queue of online applications of their centre, and the e-mails that
 * tell the applicant where their application stands. The workflow itself is ca-core's
 * {@link uz.eimzo.ca.registration.OnlineApplications}.
 */
package uz.eimzo.ra.apply;
