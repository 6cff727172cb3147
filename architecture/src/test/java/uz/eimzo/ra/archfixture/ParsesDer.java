package uz.eimzo.ra.archfixture;

import org.bouncycastle.asn1.ASN1Primitive;

import java.io.IOException;

/** Fixture, breaks the Bouncy Castle rule: a web package parsing DER itself. */
class ParsesDer {

    ASN1Primitive parse(byte[] der) throws IOException {
        return ASN1Primitive.fromByteArray(der);
    }
}
