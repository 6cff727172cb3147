/**
 * MyID, Uzbekistan's remote biometric identity check, behind ca-core's
 * {@link uz.eimzo.ca.registration.IdentityVerification}: {@link uz.eimzo.ra.myid.MyIdClient} speaks its backend API
 * (a client-credentials token, verification sessions, their attempts and the verified person's data, names made Latin
 * by {@link uz.eimzo.ra.myid.UzbekLatin}) and {@link uz.eimzo.ra.myid.MyIdSimulator} is a local stand-in that speaks
 * the same API for the demo and the tests. The simulator is not MyID: it compares no face.
 */
package uz.eimzo.ra.myid;
