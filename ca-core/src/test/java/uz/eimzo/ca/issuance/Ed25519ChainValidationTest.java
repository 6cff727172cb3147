package uz.eimzo.ca.issuance;

import uz.eimzo.ca.keys.KeyAlgorithm;

class Ed25519ChainValidationTest extends ChainValidationTest {
    @Override
    KeyAlgorithm caKey() {
        return KeyAlgorithm.ED25519;
    }
}
