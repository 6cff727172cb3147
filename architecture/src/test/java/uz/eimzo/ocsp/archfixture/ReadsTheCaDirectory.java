package uz.eimzo.ocsp.archfixture;

import uz.eimzo.ca.authority.CaDirectory;

/** Fixture, breaks the module graph: the responder depending on the CA core instead of ca-crypto and monitoring. */
class ReadsTheCaDirectory {

    CaDirectory directory;
}
