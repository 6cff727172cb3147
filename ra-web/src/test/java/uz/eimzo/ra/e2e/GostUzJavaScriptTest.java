package uz.eimzo.ra.e2e;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cryptopro.CryptoProObjectIdentifiers;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPublicKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.CertificationRequests;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.GostIndependentVerifier;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's GOST-UZ module (static/js/gost-uz.js, as ra-web serves it) run in Debian's headless Chromium and held
 * to the Java side bit for bit: hashes against the Java O'z DSt 1106 digest, the browser's requests through the CA's
 * PKCS#10 parser and both Java verifiers, and signatures both ways on fixed keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostUzJavaScriptTest {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    private static final ECDomainParameters CURVE = new ECDomainParameters(
            ECGOST3410NamedCurves.getByOIDX9(CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_A));
    private static final BigInteger D = new BigInteger("7a929ade789bb9be10ed359dd39a72c11b60961f49397eee1d19ce9891ec3b28", 16);
    private static final BigInteger K = new BigInteger("77105c9b20bcd3122823c8cf6fcc7b956de33814e95b7fe64fed924594dceab3", 16);

    WebDriver browser;
    JavascriptExecutor js;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        UzDst.install();
        Path module = Path.of("target/classes/static/js/gost-uz.js").toAbsolutePath();
        Path page = dir.resolve("gost-uz.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><script src=\"" + module.toUri() + "\"></script><script>"
                + "function bytes(hex) { return Uint8Array.from(hex.match(/../g) || [], h => parseInt(h, 16)); }"
                + "</script></head><body></body></html>");
        browser = Browser.start();
        browser.get(page.toUri().toString());
        js = (JavascriptExecutor) browser;
        assertThat(js.executeScript("return typeof GostUz")).as("the module loaded").isEqualTo("object");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String run(String script, Object... arguments) {
        return (String) js.executeScript(script, arguments);
    }

    @Test
    void hashesEqualTheJavaDigestOnEveryBlockBoundary() throws Exception {
        Random seeded = new Random(1106);
        for (int size : new int[]{0, 1, 3, 31, 32, 33, 50, 63, 64, 65, 255, 1000}) {
            byte[] data = new byte[size];
            seeded.nextBytes(data);
            byte[] expected = MessageDigest.getInstance(UzDst.DIGEST_ALGORITHM).digest(data);
            assertThat(run("return GostUz.hex(GostUz.hash(bytes(arguments[0])))", Hex.toHexString(data)))
                    .as("hash of %d bytes", size).isEqualTo(Hex.toHexString(expected));
        }
        assertThat(run("return GostUz.hex(GostUz.hash(new TextEncoder().encode('This is message, length=32 bytes')))"))
                .as("the published CryptoPro-parameter vector").isEqualTo("2cefc2f7b7bdc514e18ea57fa74ff357e7fa17d652c75f69cb1be7893ede48eb");
    }

    @Test
    void aRequestMadeInTheBrowserPassesTheCaParserAndBothJavaVerifiers() throws Exception {
        String pem = run("const pair = GostUz.generateKeyPair(); return GostUz.certificationRequest(pair,"
                + " [['2.5.4.6', 'UZ'], ['2.5.4.3', 'Usmonov Bekzod'], ['2.5.4.10', 'Oʻzbekiston']]).pem;");

        CertificationRequests.Parsed parsed = CertificationRequests.parse(pem.getBytes(StandardCharsets.US_ASCII));

        assertThat(parsed.publicKey()).isInstanceOf(UzDstPublicKey.class);
        assertThat(parsed.subject()).containsExactly(new DnAttribute(DnAttribute.C, "UZ"),
                new DnAttribute(DnAttribute.CN, "Usmonov Bekzod"), new DnAttribute(DnAttribute.O, "Oʻzbekiston"));
        CertificationRequest request = CertificationRequest.getInstance(parsed.der());
        assertThat(request.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo(UzDst.SIGNATURE_OID);
        byte[] info = request.getCertificationRequestInfo().getEncoded("DER");
        byte[] signature = request.getSignature().getOctets();
        Signature java = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
        java.initVerify(parsed.publicKey());
        java.update(info);
        assertThat(java.verify(signature)).as("the Java GOST-UZ verifier").isTrue();
        assertThat(GostIndependentVerifier.verify(info, signature, parsed.publicKey().getEncoded()))
                .as("the independent verifier").isTrue();
        signature[10] ^= 1;
        assertThat(GostIndependentVerifier.verify(info, signature, parsed.publicKey().getEncoded()))
                .as("a flipped bit").isFalse();
    }

    @Test
    void theBrowsersKeyEncodingsAreTheJavaOnes() throws Exception {
        String spki = run("return GostUz.hex(GostUz.importScalarHex(arguments[0]).publicKeyInfo())", D.toString(16));
        String pkcs8 = run("return GostUz.hex(GostUz.importScalarHex(arguments[0]).pkcs8())", D.toString(16));

        assertThat(spki).isEqualTo(Hex.toHexString(expectedPublicKeyInfo(D)));
        PrivateKey read = KeyFactory.getInstance(UzDst.KEY_ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Hex.decode(pkcs8)));
        assertThat(read.getEncoded()).as("the Java key factory reads the agent-form PKCS#8 as the same scalar")
                .isEqualTo(KeyFactory.getInstance(UzDst.KEY_ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
                        cryptoProPkcs8(D))).getEncoded());
        assertThat(run("return GostUz.hex(GostUz.importPkcs8(bytes(arguments[0])).publicKeyInfo())",
                Hex.toHexString(read.getEncoded()))).as("the browser reads the Java PKCS#8").isEqualTo(spki);
    }

    @Test
    void aKeyOfAnotherAlgorithmIsRefusedNeverReadAsGostUz() throws Exception {
        byte[] p256 = KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPrivate().getEncoded();

        assertThat(run("try { GostUz.importPkcs8(bytes(arguments[0])); return 'read'; } catch (e) { return e.message; }",
                Hex.toHexString(p256))).isEqualTo("not a GOST-UZ key: 1.2.840.10045.2.1");
        assertThat(js.executeScript("return GostUz.isGostUzPkcs8(bytes(arguments[0]))", Hex.toHexString(p256))).isEqualTo(false);
    }

    @Test
    void aBrowserSignatureWithAFixedNonceIsTheKnownAnswerAndVerifiesInJava() throws Exception {
        byte[] data = "E-IMZO challenge 2026".getBytes(StandardCharsets.UTF_8);
        String signature = run("return GostUz.hex(GostUz.importScalarHex(arguments[0]).signWithFixedNonceForTests(bytes(arguments[1]), '0x' + arguments[2]))",
                D.toString(16), Hex.toHexString(data), K.toString(16));

        assertThat(signature).isEqualTo(Hex.toHexString(knownAnswer(D, K, data)));
        PublicKey key = KeyFactory.getInstance(UzDst.KEY_ALGORITHM).generatePublic(new X509EncodedKeySpec(expectedPublicKeyInfo(D)));
        Signature java = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
        java.initVerify(key);
        java.update(data);
        assertThat(java.verify(Hex.decode(signature))).isTrue();
        assertThat(GostIndependentVerifier.verify(data, Hex.decode(signature), key.getEncoded())).isTrue();
    }

    @Test
    void aJavaSignatureVerifiesInTheBrowserAndATamperedOneDoesNot() throws Exception {
        byte[] data = "O'z DSt 1092 both ways".getBytes(StandardCharsets.UTF_8);
        Signature java = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
        java.initSign(KeyFactory.getInstance(UzDst.KEY_ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(cryptoProPkcs8(D))));
        java.update(data);
        byte[] signature = java.sign();
        String check = "return GostUz.verifyWithPublicKeyInfo(bytes(arguments[0]), bytes(arguments[1]), bytes(arguments[2]))";
        String spki = Hex.toHexString(expectedPublicKeyInfo(D));

        assertThat(js.executeScript(check, spki, Hex.toHexString(data), Hex.toHexString(signature))).isEqualTo(true);
        byte[] tampered = signature.clone();
        tampered[40] ^= 0x20;
        assertThat(js.executeScript(check, spki, Hex.toHexString(data), Hex.toHexString(tampered))).isEqualTo(false);
        assertThat(js.executeScript(check, spki, Hex.toHexString(Arrays.copyOf(data, data.length - 1)),
                Hex.toHexString(signature))).isEqualTo(false);
    }

    /** The SubjectPublicKeyInfo of d·G as real E-IMZO certificates carry it, built here from Bouncy Castle's point. */
    private static byte[] expectedPublicKeyInfo(BigInteger d) throws Exception {
        ECPoint q = CURVE.getG().multiply(d).normalize();
        byte[] xy = new byte[64];
        System.arraycopy(littleEndian(q.getAffineXCoord().toBigInteger()), 0, xy, 0, 32);
        System.arraycopy(littleEndian(q.getAffineYCoord().toBigInteger()), 0, xy, 32, 32);
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.KEY_OID),
                new DERSequence(new ASN1ObjectIdentifier(UzDst.PARAM_SET_A_OID))), new DEROctetString(xy)).getEncoded("DER");
    }

    /** PKCS#8 in the CryptoPro form (32-byte little-endian OCTET STRING), which the Java key factory reads. */
    private static byte[] cryptoProPkcs8(BigInteger d) throws Exception {
        return new PrivateKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.KEY_OID),
                new DERSequence(new ASN1ObjectIdentifier(UzDst.PARAM_SET_A_OID))), new DEROctetString(littleEndian(d))).getEncoded("DER");
    }

    /** GOST R 34.10-2001 by its formulas: r = (kG).x mod n, s = (k·e + d·r) mod n, e = hash read little-endian. */
    private static byte[] knownAnswer(BigInteger d, BigInteger k, byte[] data) throws Exception {
        byte[] hash = MessageDigest.getInstance(UzDst.DIGEST_ALGORITHM).digest(data);
        BigInteger n = CURVE.getN();
        BigInteger e = new BigInteger(1, Arrays.reverse(hash)).mod(n);
        BigInteger r = CURVE.getG().multiply(k).normalize().getAffineXCoord().toBigInteger().mod(n);
        BigInteger s = k.multiply(e).add(d.multiply(r)).mod(n);
        byte[] out = new byte[64];
        byte[] sb = BigIntegers.asUnsignedByteArray(32, s);
        byte[] rb = BigIntegers.asUnsignedByteArray(32, r);
        System.arraycopy(sb, 0, out, 0, 32);
        System.arraycopy(rb, 0, out, 32, 32);
        return out;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] big = BigIntegers.asUnsignedByteArray(32, value);
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = big[31 - i];
        }
        return out;
    }
}
