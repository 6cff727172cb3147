package uz.eimzo.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.SigningKey;

import java.security.Signature;
import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static uz.eimzo.architecture.Modules.topLevel;
import static uz.eimzo.architecture.Modules.topLevelNamedAnyOf;

/**
 * The rules on compiled classes. Each takes the classes it must tolerate for now (an allowance of
 * {@link Allowances}), so that the same rule, given none, shows what the allowance hides.
 */
final class Boundaries {

    private Boundaries() {
    }

    /** The Maven module graph, restated on packages, so that a package moved between modules cannot bend it. */
    static ArchRule moduleGraph() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("ca-crypto").definedBy(Modules.CA_CRYPTO)
                .layer("ca-core").definedBy(Modules.CA_CORE)
                .layer("registration").definedBy(Modules.REGISTRATION)
                .layer("monitoring").definedBy(Modules.MONITORING)
                .layer("ra-web").definedBy(Modules.RA_WEB)
                .layer("ocsp-responder").definedBy(Modules.OCSP_RESPONDER)
                .layer("tsa").definedBy(Modules.TSA)
                .layer("fast-http").definedBy(Modules.FAST_HTTP)
                .layer("launcher").definedBy(Modules.LAUNCHER)
                .layer("bench").definedBy(Modules.BENCH)
                .layer("test-support").definedBy(Modules.TEST_SUPPORT)
                .whereLayer("ca-crypto").mayNotAccessAnyLayer()
                .whereLayer("monitoring").mayNotAccessAnyLayer()
                .whereLayer("fast-http").mayNotAccessAnyLayer()
                .whereLayer("test-support").mayNotAccessAnyLayer()
                .whereLayer("ca-core").mayOnlyAccessLayers("ca-crypto")
                .whereLayer("registration").mayOnlyAccessLayers("ca-core", "ca-crypto")
                .whereLayer("ra-web").mayOnlyAccessLayers("registration", "ca-core", "ca-crypto", "monitoring")
                .whereLayer("ocsp-responder").mayOnlyAccessLayers("ca-crypto", "monitoring", "fast-http")
                .whereLayer("tsa").mayOnlyAccessLayers("ca-crypto", "monitoring", "fast-http")
                .whereLayer("launcher").mayOnlyAccessLayers("ra-web", "ocsp-responder", "tsa", "ca-core", "ca-crypto")
                .whereLayer("bench").mayOnlyAccessLayers("ca-core", "ca-crypto", "test-support")
                .because("the keys and the encoding (ca-crypto) know nothing of who uses them; the CA (ca-core) knows "
                        + "no registration centre; the responder and the TSA, deployed apart, see only ca-crypto, "
                        + "monitoring and their shared Netty listener (fast-http), which sees none of ours; nothing but the "
                        + "launcher sees the applications (docs/architecture.md)");
    }

    /**
     * No dependency cycle between the packages directly under {@code base}; a class in {@code base} itself is its own
     * slice, so that a root package holding both the top and the bottom of a module cannot close a cycle unseen.
     */
    static ArchRule noCyclesUnder(String base, Set<String> toleratedEdges) {
        SliceRule rule = slices().assignedFrom(packagesUnder(base)).should().beFreeOfCycles();
        for (String edge : toleratedEdges) {
            String[] ends = edge.split(" -> ");
            rule = rule.ignoreDependency(resideInAPackage(ends[0] + ".."), resideInAPackage(ends[1] + ".."));
        }
        return rule.allowEmptyShould(true)
                .because("a cycle makes two packages one, which no reader can take in one sitting");
    }

    static SliceAssignment packagesUnder(String base) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(base)) {
                    return SliceIdentifier.of("(" + base + ")");
                }
                if (!name.startsWith(base + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = name.substring(base.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
            }

            @Override
            public String getDescription() {
                return "the packages directly under " + base + " and " + base + " itself";
            }
        };
    }

    /** The packages that may hold or open a private key, or call {@code Signature.initSign}. */
    static final String[] KEY_PACKAGES = {
            "uz.eimzo.ca.keys..",      // SigningKey, KeyStorage and their PKCS#11/PKCS#12/in-memory kinds
            "uz.eimzo.ca.gost..",      // the GOST-UZ signature algorithm itself
            "uz.eimzo.ca.x509..",      // KeyContentSigner: a SigningKey seen as Bouncy Castle's ContentSigner
            "uz.eimzo.ca.signing..",   // the CA's one signing contract: the only holder of CA keys
            "uz.eimzo.ca.ceremony..",  // the key-ceremony command line: creates, imports and exports CA keys
            "uz.eimzo.ocsp.signing..", // the responder's own delegated keys
            "uz.eimzo.tsa.signing..",  // the TSA's own keys
            "uz.eimzo.ca.bench.."};    // benchmarks of signing itself; never deployed

    static ArchRule signingKeys(Set<String> tolerated) {
        DescribedPredicate<JavaClass> keyTypes = assignableTo(SigningKey.class).or(assignableTo(KeyStorage.class))
                .or(assignableTo(KeyResolver.class)).as("SigningKey, KeyStorage or KeyResolver");
        DescribedPredicate<JavaCall<?>> initSign = DescribedPredicate.describe("Signature.initSign",
                call -> call.getTarget().getOwner().isAssignableTo(Signature.class)
                        && call.getTarget().getName().equals("initSign"));
        return noClasses().that(not(resideInAnyPackage(KEY_PACKAGES)))
                .and(not(topLevelNamedAnyOf(tolerated)))
                .should().dependOnClassesThat(keyTypes).orShould().callMethodWhere(initSign)
                .because("only the signing code holds a key: everything else asks it to sign a typed, recorded input "
                        + "(docs/architecture.md, Signing)");
    }

    /**
     * Bouncy Castle only where bytes are encoded and parsed, or where its mathematics is the algorithm; everywhere
     * else sees JDK types and our records.
     */
    static final String[] BOUNCY_CASTLE_PACKAGES = {
            "uz.eimzo.ca.x509..",       // certificates, CSRs, CRLs, names, extensions: encoding, parsing, the lint
            "uz.eimzo.ca.gost..",       // GOST-UZ built on Bouncy Castle's GOST R 34.10 mathematics
            "uz.eimzo.ca.keys..",       // SoftwareEcdsa: Bouncy Castle's ECDSA with RFC 6979 nonces, twice SunEC's speed
            "uz.eimzo.ocsp.protocol..", // OCSP requests and responses (RFC 6960)
            "uz.eimzo.tsa.encoding..",  // time-stamp requests, tokens and replies (RFC 3161, CMS)
            "uz.eimzo.tsa.verification..", // signed documents: CMS parsing, signer and token verification (RFC 5652)
            "uz.eimzo.tsa.attachment..", // adding a time-stamp token to a CMS signer (unsigned attribute)
            "uz.eimzo.ra.cmp..",        // CMP and CRMF messages (RFC 4210, 9483)
            "uz.eimzo.ocsp.signing..",  // hands the responder's encoding a ContentSigner over its delegated key
            "uz.eimzo.tsa.signing..",   // hands the TSA's encoding a ContentSigner over its key
            "uz.eimzo.ca.signing..",    // reads each input before signing it (a CRL names this CA, a CMP ProtectedPart
                                        // names it as sender) and hands CMP a ContentSigner, never the key
            "uz.eimzo.ca.bench.."};     // benchmarks comparing Bouncy Castle with the JDK; never deployed

    static ArchRule bouncyCastle(Set<String> tolerated) {
        return noClasses().that(not(resideInAnyPackage(BOUNCY_CASTLE_PACKAGES))).and(not(topLevelNamedAnyOf(tolerated)))
                .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .because("Bouncy Castle is confined to the packages that encode and parse: x509 (certificates, "
                        + "requests, CRLs, lint), gost (the GOST-UZ mathematics), keys (SoftwareEcdsa), ocsp.protocol "
                        + "(RFC 6960), tsa.encoding (RFC 3161), ra.cmp (RFC 4210/9483), ca.signing (checks what it signs is what "
                        + "its purpose says); bench compares it with the JDK");
    }

    static ArchRule controllersNotPublic(Set<String> tolerated) {
        return classes().that().areMetaAnnotatedWith(Controller.class).and(not(topLevelNamedAnyOf(tolerated)))
                .should().notBePublic()
                .because("a controller is an entry point, not an API: nothing else should call it, and its package "
                        + "shows what it may use");
    }

    /**
     * A store: the one class that writes SQL for an aggregate. New ones are named {@code …Store}; the aggregates'
     * older stores keep their names and are listed here by aggregate (docs/architecture.md, Storage).
     */
    static final Set<String> AGGREGATE_STORES = Set.of(
            // audit log, its verification, checkpoints and signature alarms
            "uz.eimzo.ca.audit.AuditLog", "uz.eimzo.ca.audit.AuditVerification", "uz.eimzo.ca.audit.SignatureAlarms",
            "uz.eimzo.ca.checkpoints.AuditCheckpoints",
            // CAs and recognised external CAs
            "uz.eimzo.ca.authority.CaDirectory", "uz.eimzo.ca.authority.RecognisedCas",
            // certificates: the PENDING row and its completion, revisions of status, revocation codes
            "uz.eimzo.ca.issuance.Ledger", "uz.eimzo.ca.revocation.Revocations", "uz.eimzo.ca.revocation.RevocationCodes",
            // CRLs, responder and TSA certificates, expiry reminders
            "uz.eimzo.ca.crl.CrlIssuer", "uz.eimzo.ca.responder.ResponderCertificates",
            "uz.eimzo.ca.reminders.ExpiryReminders",
            // the registration centre: people and organisations, requests, snapshots, scans, codes, online applications
            "uz.eimzo.ca.registration.Identities", "uz.eimzo.ca.registration.Registrations",
            "uz.eimzo.ca.registration.RequestSnapshots", "uz.eimzo.ca.registration.DocumentScans",
            "uz.eimzo.ca.registration.EnrollmentCodes", "uz.eimzo.ca.registration.CertificateSearch",
            "uz.eimzo.ca.registration.OnlineApplications", "uz.eimzo.ca.registration.RemoteCollection",
            "uz.eimzo.ca.registration.RemoteIdentity", "uz.eimzo.ca.registration.ApplicationNotices",
            "uz.eimzo.ca.registration.EmailConfirmation", "uz.eimzo.ca.registration.PhoneConfirmation",
            // operators, centres and API tokens
            "uz.eimzo.ra.operator.OperatorDirectory", "uz.eimzo.ra.security.ApiTokens", "uz.eimzo.ra.requests.Drafts",
            // the responder's read model and the TSA's ledger and keys
            "uz.eimzo.ocsp.status.StatusRepository", "uz.eimzo.ocsp.status.StatusIndex", "uz.eimzo.ocsp.authorities.CaIndex",
            "uz.eimzo.ocsp.publication.Publications", "uz.eimzo.ocsp.signing.DelegatedSigners",
            "uz.eimzo.tsa.ledger.TokenLedger", "uz.eimzo.tsa.signing.TsaSigners",
            // monitoring's CRL freshness
            "uz.eimzo.monitoring.crl.CrlFreshness");

    static final DescribedPredicate<JavaClass> STORES = DescribedPredicate.describe("stores (…Store, or an aggregate's store)",
            c -> topLevel(c).getSimpleName().endsWith("Store") || AGGREGATE_STORES.contains(topLevel(c).getName()));

    /**
     * Wiring: the CA's composition root and Spring configuration, which hand the one JdbcClient to the stores, and the
     * responder's read routing, which hands its stores the primary's client or a replica's.
     */
    static final DescribedPredicate<JavaClass> WIRING = DescribedPredicate.describe(
            "wiring (CaServices, @Configuration, the key ceremony's database session, the responder's read routing)",
            c -> topLevel(c).isEquivalentTo(CaServices.class) || topLevel(c).isMetaAnnotatedWith(Configuration.class)
                    || topLevel(c).getName().equals("uz.eimzo.ca.ceremony.DatabaseOptions")
                    || topLevel(c).getName().equals("uz.eimzo.ocsp.replica.ReadRouting"));

    static final DescribedPredicate<JavaCall<?>> SQL = DescribedPredicate.describe("JdbcClient.sql",
            call -> call.getTarget().getOwner().isAssignableTo(JdbcClient.class) && call.getTarget().getName().equals("sql"));

    /** SQL only in stores: no other class runs a statement. */
    static ArchRule sqlInStores(Set<String> tolerated) {
        return noClasses().that(not(STORES)).and(not(topLevelNamedAnyOf(tolerated)))
                .and(not(resideInAnyPackage("uz.eimzo.ca.bench..")))
                .should().callMethodWhere(SQL)
                .because("each aggregate's SQL lives in its one store, declared as a narrow interface by its user "
                        + "(docs/architecture.md, Storage); bench fills databases for measurements and is never deployed");
    }

    /** The client itself only in stores and the wiring that hands it to them. */
    static ArchRule jdbcClientInStores(Set<String> tolerated) {
        return noClasses().that(not(STORES)).and(not(WIRING)).and(not(topLevelNamedAnyOf(tolerated)))
                .and(not(resideInAnyPackage("uz.eimzo.ca.bench..")))
                .should().dependOnClassesThat().areAssignableTo(JdbcClient.class)
                .because("a class that holds a JdbcClient can write any table; only stores may");
    }
}
