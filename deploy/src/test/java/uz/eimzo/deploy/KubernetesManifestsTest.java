package uz.eimzo.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifests under deploy/kubernetes: valid against the Kubernetes schema and consistent with each other. */
class KubernetesManifestsTest {

    static final Path FOLDER = Path.of("kubernetes");
    private final Manifests manifests = Manifests.load(FOLDER);

    @Test
    void everyManifestParsesIntoTheKubernetesSchemaWithoutUnknownFields() {
        assertThat(manifests.documents()).hasSizeGreaterThan(20);
        assertThat(manifests.unknownFields()).isEmpty();
    }

    @Test
    void everyDeploymentProbesLivenessAndReadinessOnTheActuatorAtADeclaredPort() {
        assertThat(manifests.all(Deployment.class)).extracting(Manifests::name).containsExactlyInAnyOrder("ra", "ocsp", "tsa");
        assertThat(manifests.probeProblems()).isEmpty();
    }

    @Test
    void probesAndTheScrapeUseTheManagementPortTheApplicationListensOn() throws Exception {
        Map<String, String> applicationPorts = Map.of(
                "ra", managementPort(Path.of("../ra-web/src/main/resources/ra.properties")),
                "ocsp", managementPort(Path.of("../ocsp-responder/src/main/resources/application.properties")),
                "tsa", managementPort(Path.of("../tsa/src/main/resources/tsa.properties")));
        for (Deployment deployment : manifests.all(Deployment.class)) {
            String name = Manifests.name(deployment);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            String management = container.getPorts().stream().filter(p -> "management".equals(p.getName()))
                    .map(p -> String.valueOf(p.getContainerPort())).findFirst().orElse("none");
            assertThat(management).as("%s's management port", name).isEqualTo(applicationPorts.get(name));
            assertThat(List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe()))
                    .as("%s's probes", name).allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .as("%s's scrape annotations", name)
                    .containsEntry("prometheus.io/port", management).containsEntry("prometheus.io/path", "/actuator/prometheus");
        }
    }

    private static String managementPort(Path properties) throws Exception {
        java.util.Properties settings = new java.util.Properties();
        try (var in = Files.newBufferedReader(properties)) {
            settings.load(in);
        }
        return settings.getProperty("management.server.port", "none");
    }

    @Test
    void everyServiceSelectsPodsThatDeclareItsTargetPorts() {
        assertThat(manifests.serviceProblems()).isEmpty();
    }

    @Test
    void everyIngressRoutesToADefinedServicePort() {
        assertThat(manifests.ingressProblems()).isEmpty();
    }

    @Test
    void theResponderAutoscalerScalesADefinedDeployment() {
        assertThat(manifests.autoscalerProblems()).isEmpty();
    }

    @Test
    void everyDisruptionBudgetAndNetworkPolicySelectsPodsThatExist() {
        assertThat(manifests.selectorProblems()).isEmpty();
    }

    @Test
    void everySecretAndConfigMapReferenceNamesADefinedObjectAndKey() {
        assertThat(manifests.referenceProblems()).isEmpty();
    }

    @Test
    void theKustomizationListsEveryManifest() {
        assertThat(Manifests.kustomizationProblems(FOLDER)).isEmpty();
    }

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandardItsNamespaceEnforces() {
        assertThat(manifests.podSecurityProblems()).isEmpty();
    }

    @Test
    void applicationContainersRunAsNonRootOnAReadOnlyRootFilesystem() {
        for (Deployment deployment : manifests.all(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
                    .as("runAsNonRoot of %s", Manifests.name(deployment)).isTrue();
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
                assertThat(container.getResources().getRequests()).as(container.getName()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(container.getName()).containsKey("memory");
            }
        }
    }

    @Test
    void applicationsUseTheirRestrictedDatabaseRolesAndLeaveMigrationsToTheJob() {
        Map<String, String> ra = configMap("eimzo-ra-config");
        Map<String, String> ocsp = configMap("eimzo-ocsp-config");
        assertThat(ra).containsEntry("SPRING_DATASOURCE_USERNAME", "eimzo_app").containsEntry("SPRING_FLYWAY_ENABLED", "false");
        assertThat(ocsp).containsEntry("SPRING_DATASOURCE_USERNAME", "eimzo_responder");
        assertThat(configMap("eimzo-tsa-config")).containsEntry("SPRING_DATASOURCE_USERNAME", "eimzo_responder");
        String migrate = String.join(" ", manifests.workloads().stream().filter(w -> w.describe().startsWith("Job/"))
                .findFirst().orElseThrow().template().getSpec().getContainers().getFirst().getArgs());
        assertThat(migrate).contains("--db-user eimzo_admin");
    }

    @Test
    void thePostgresInitConfigMapCarriesTheSameRolesScriptAsCompose() throws Exception {
        assertThat(configMap("postgres-init").get("10-eimzo-roles.sh"))
                .isEqualTo(Files.readString(Path.of("postgres/10-eimzo-roles.sh")));
    }

    @Test
    void theHsmConfigMapCarriesTheRecommendedSunPkcs11Configuration() throws Exception {
        assertThat(configMap("eimzo-hsm").get("hsm.cfg")).isEqualTo(Files.readString(Path.of("hsm/hsm.cfg.example")));
    }

    @Test
    void kubectlBuildsTheKustomization() throws Exception {
        Tools.assumeInstalled("kubectl");
        Tools.Result result = Tools.run(List.of("kubectl", "kustomize", FOLDER.toString()), Map.of());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("kind: HorizontalPodAutoscaler", "kind: StatefulSet", "kind: NetworkPolicy");
    }

    private Map<String, String> configMap(String name) {
        return manifests.all(ConfigMap.class).stream().filter(c -> Manifests.name(c).equals(name)).findFirst()
                .orElseThrow().getData();
    }
}
