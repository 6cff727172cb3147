package uz.eimzo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each manifest check, fed a broken snippet, reports the fault: a passing check means something. */
class ManifestChecksCanFailTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: web:1
                      ports:
                        - {name: http, containerPort: 8080}
                      livenessProbe:
                        httpGet: {path: /actuator/health/liveness, port: http}
                      readinessProbe:
                        httpGet: {path: /actuator/health/readiness, port: 8080}
            """;

    /** The deployment with lines added to its container (indented for it). */
    private static String withContainerLines(String... lines) {
        StringBuilder added = new StringBuilder("          image: web:1");
        for (String line : lines) {
            added.append("\n          ").append(line);
        }
        return DEPLOYMENT.replace("          image: web:1", added.toString());
    }

    @Test
    void aCorrectDeploymentPassesEveryCheck() {
        Manifests manifests = Manifests.parse(DEPLOYMENT);
        assertThat(manifests.unknownFields()).isEmpty();
        assertThat(manifests.probeProblems()).isEmpty();
    }

    @Test
    void aMisspelledFieldIsReportedAsUnknownToTheSchema() {
        Manifests manifests = Manifests.parse(DEPLOYMENT.replace("  replicas: 2", "  replica: 2"));
        assertThat(manifests.unknownFields()).singleElement().asString()
                .contains("Deployment/web", "spec", "unknown to DeploymentSpec", "replica");
    }

    @Test
    void aFieldMisplacedDeepInsideAContainerIsReported() {
        Manifests manifests = Manifests.parse(withContainerLines("readOnlyRootFilesystem: true"));
        assertThat(manifests.unknownFields()).singleElement().asString()
                .contains("containers[0]", "unknown to Container", "readOnlyRootFilesystem");
    }

    @Test
    void aKindTheSchemaDoesNotKnowIsReported() {
        Manifests manifests = Manifests.parse("""
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: web
                spec: {}
                """);
        assertThat(manifests.unknownFields()).isNotEmpty();
    }

    @Test
    void aMissingReadinessProbeIsReported() {
        String noReadiness = DEPLOYMENT.replace("          readinessProbe:\n"
                + "            httpGet: {path: /actuator/health/readiness, port: 8080}\n", "");
        assertThat(Manifests.parse(noReadiness).probeProblems()).containsExactly("Deployment/web container web readiness probe is missing");
    }

    @Test
    void aProbeOnAPortTheContainerDoesNotDeclareIsReported() {
        Manifests manifests = Manifests.parse(DEPLOYMENT.replace("port: 8080}", "port: 9090}"));
        assertThat(manifests.probeProblems()).singleElement().asString().contains("readiness", "9090", "does not declare");
    }

    @Test
    void aProbeOffTheActuatorPathIsReported() {
        Manifests manifests = Manifests.parse(DEPLOYMENT.replace("/actuator/health/liveness", "/health"));
        assertThat(manifests.probeProblems()).singleElement().asString().contains("liveness", "/health");
    }

    @Test
    void aServiceSelectingNoPodsIsReported() {
        Manifests manifests = Manifests.parse(DEPLOYMENT + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: wbe}
                  ports: [{port: 80, targetPort: http}]
                """);
        assertThat(manifests.serviceProblems()).singleElement().asString().contains("Service/web", "matches no pod template");
    }

    @Test
    void aServiceTargetingAnUndeclaredPortIsReported() {
        Manifests manifests = Manifests.parse(DEPLOYMENT + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: https}]
                """);
        assertThat(manifests.serviceProblems()).singleElement().asString().contains("targets port https");
    }

    @Test
    void anAutoscalerOfAnUndefinedDeploymentIsReported() {
        Manifests manifests = Manifests.parse(DEPLOYMENT + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: wbe}
                  minReplicas: 2
                  maxReplicas: 4
                """);
        assertThat(manifests.autoscalerProblems()).containsExactly(
                "HorizontalPodAutoscaler/web scales Deployment/wbe, which is not defined");
    }

    @Test
    void aSecretKeyThatDoesNotExistIsReported() {
        Manifests manifests = Manifests.parse(withContainerLines(
                "env:",
                "  - name: PASSWORD",
                "    valueFrom:",
                "      secretKeyRef: {name: db, key: pasword}") + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData: {password: x}
                """);
        assertThat(manifests.referenceProblems()).containsExactly(
                "Deployment/web container web env PASSWORD names key pasword of Secret/db, which has only [password]");
    }

    @Test
    void aConfigMapThatIsNotDefinedIsReported() {
        Manifests manifests = Manifests.parse(withContainerLines(
                "envFrom:",
                "  - configMapRef: {name: web-config}"));
        assertThat(manifests.referenceProblems()).singleElement().asString().contains("ConfigMap/web-config, which is not defined");
    }

    @Test
    void aNetworkPolicyPeerMatchingNoPodsIsReported() {
        Manifests manifests = Manifests.parse(DEPLOYMENT + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  egress:
                    - to: [{podSelector: {matchLabels: {app: databse}}}]
                """);
        assertThat(manifests.selectorProblems()).singleElement().asString().contains("NetworkPolicy/web", "databse");
    }

    @Test
    void anIngressToAnUndefinedServiceIsReported() {
        Manifests manifests = Manifests.parse(DEPLOYMENT + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web}
                spec:
                  rules:
                    - http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                """);
        assertThat(manifests.ingressProblems()).containsExactly("Ingress/web routes to Service/web, which is not defined");
    }

    @Test
    void aPodTheRestrictedPodSecurityStandardWouldRejectIsReported() {
        assertThat(Manifests.parse(DEPLOYMENT).podSecurityProblems()).containsExactlyInAnyOrder(
                "Deployment/web container web does not set allowPrivilegeEscalation: false",
                "Deployment/web container web does not drop ALL capabilities",
                "Deployment/web container web may run as root (runAsNonRoot is not true)",
                "Deployment/web container web has no RuntimeDefault or Localhost seccomp profile");
    }

    @Test
    void aHostPathVolumeIsReportedAsForbiddenInRestrictedPods() {
        Manifests manifests = Manifests.parse(DEPLOYMENT.replace("      containers:",
                "      volumes:\n        - name: docker\n          hostPath: {path: /var/run/docker.sock}\n      containers:"));
        assertThat(manifests.podSecurityProblems()).contains("Deployment/web volume docker is of a type restricted pods may not use");
    }

    @Test
    void aManifestMissingFromTheKustomizationIsReported(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("web.yaml"), DEPLOYMENT);
        Files.writeString(folder.resolve("forgotten.yaml"), DEPLOYMENT);
        Files.writeString(folder.resolve("kustomization.yaml"), "resources:\n  - web.yaml\n  - gone.yaml\n");
        assertThat(Manifests.kustomizationProblems(folder)).containsExactlyInAnyOrder(
                "forgotten.yaml is not listed in kustomization.yaml", "kustomization.yaml lists gone.yaml, which does not exist");
    }

    @Test
    void yamlThatIsNotYamlIsRefusedWithTheSourceNamed() {
        assertThatThrownBy(() -> Manifests.parse("kind: [unclosed")).hasMessageContaining("Cannot parse snippet");
    }
}
