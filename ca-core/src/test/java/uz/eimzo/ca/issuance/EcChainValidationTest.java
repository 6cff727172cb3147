package uz.eimzo.ca.issuance;

import uz.eimzo.ca.keys.KeyAlgorithm;

class EcChainValidationTest extends ChainValidationTest {
    @Override
    KeyAlgorithm caKey() {
        return KeyAlgorithm.EC_P256;
    }
}
