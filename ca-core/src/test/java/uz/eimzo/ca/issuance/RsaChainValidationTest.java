package uz.eimzo.ca.issuance;

import uz.eimzo.ca.keys.KeyAlgorithm;

class RsaChainValidationTest extends ChainValidationTest {
    @Override
    KeyAlgorithm caKey() {
        return KeyAlgorithm.RSA_2048;
    }
}
