package uz.eimzo.tsa;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.x509.ExternalOcspClient;
import uz.eimzo.tsa.answers.AnswerSigner;
import uz.eimzo.tsa.attachment.TokenAttacher;
import uz.eimzo.tsa.signing.TsaSigners;
import uz.eimzo.tsa.stamping.TimeStamper;
import uz.eimzo.tsa.verification.CertificateRecordStore;
import uz.eimzo.tsa.verification.CertificateRecords;
import uz.eimzo.tsa.verification.DocumentVerifier;
import uz.eimzo.tsa.verification.ExternalCrls;
import uz.eimzo.tsa.verification.ExternalOcsp;
import uz.eimzo.tsa.verification.ExternalStatus;
import uz.eimzo.tsa.verification.SignedDocuments;
import uz.eimzo.tsa.verification.TrustAnchorStore;
import uz.eimzo.tsa.verification.TrustAnchors;

import java.time.Clock;

/** Wires signed-document verification and time-stamp attachment beside the TSA (docs/tsa.md). */
@Configuration(proxyBeanMethods = false)
public class VerificationConfiguration {

    @Bean
    SignedDocuments signedDocuments(TsaProperties properties) {
        return new SignedDocuments(properties.verification().maxDocumentBytes());
    }

    @Bean
    DocumentVerifier documentVerifier(JdbcClient jdbc, Clock clock, TsaProperties properties) {
        return new DocumentVerifier(new TrustAnchors(new TrustAnchorStore(jdbc), clock,
                properties.verification().anchorsRefresh()), new CertificateRecords(new CertificateRecordStore(jdbc)),
                externalStatus(properties.verification(), clock), clock);
    }

    /** OCSP then CRL (or as {@code external-status} says) for certificates of recognised external CAs. */
    private static ExternalStatus externalStatus(TsaProperties.Verification settings, Clock clock) {
        return new ExternalStatus(settings.externalStatus(), new ExternalOcsp(new ExternalOcspClient.Settings(
                settings.ocspConnectTimeout(), settings.ocspReadTimeout(), settings.ocspMaxBytes(), settings.ocspNonce(),
                settings.ocspFreshWithoutNonce()), settings.ocspKeepFor(), clock),
                new ExternalCrls(settings.crlTimeout(), settings.crlMaxBytes(), clock));
    }

    @Bean
    AnswerSigner answerSigner(TsaSigners signers, Clock clock) {
        return new AnswerSigner(signers, clock);
    }

    @Bean
    TokenAttacher tokenAttacher(TimeStamper stamper) {
        return new TokenAttacher(stamper);
    }
}
