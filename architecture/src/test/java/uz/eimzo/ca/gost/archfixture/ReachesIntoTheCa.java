package uz.eimzo.ca.gost.archfixture;

import uz.eimzo.ca.issuance.Issuer;

/** Fixture, breaks the module graph: ca-crypto (here, a fake GOST package) depending on the CA's issuance. */
class ReachesIntoTheCa {

    Issuer issuer;
}
