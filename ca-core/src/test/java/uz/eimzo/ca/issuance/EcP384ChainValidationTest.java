package uz.eimzo.ca.issuance;

import uz.eimzo.ca.keys.KeyAlgorithm;

class EcP384ChainValidationTest extends ChainValidationTest {
    @Override
    KeyAlgorithm caKey() {
        return KeyAlgorithm.EC_P384;
    }
}
