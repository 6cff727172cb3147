package uz.eimzo.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Kubernetes manifests read into fabric8's typed model, and the checks run on them. Each check returns the
 * problems it found as sentences naming the object, so a test asserts an empty list and a failure says why.
 */
final class Manifests {

    static final String LIVENESS_PATH = "/actuator/health/liveness";
    static final String READINESS_PATH = "/actuator/health/readiness";

    /** fabric8's deserializer picks the model class from apiVersion and kind. */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new SimpleModule().addDeserializer(KubernetesResource.class, new KubernetesDeserializer()))
            .build();

    /** A parsed document and where it came from. */
    record Document(String source, KubernetesResource resource) {
        String describe() {
            return resource instanceof HasMetadata h
                    ? h.getKind() + "/" + (h.getMetadata() == null ? "?" : h.getMetadata().getName()) + " (" + source + ")"
                    : resource.getClass().getSimpleName() + " (" + source + ")";
        }
    }

    /** A pod template with the workload that owns it. */
    record Workload(String describe, PodTemplateSpec template) {
        Map<String, String> labels() {
            return template.getMetadata() == null || template.getMetadata().getLabels() == null
                    ? Map.of() : template.getMetadata().getLabels();
        }

        List<Container> allContainers() {
            List<Container> all = new ArrayList<>(template.getSpec().getContainers());
            if (template.getSpec().getInitContainers() != null) {
                all.addAll(template.getSpec().getInitContainers());
            }
            return all;
        }
    }

    private final List<Document> documents;

    private Manifests(List<Document> documents) {
        this.documents = documents;
    }

    /** Every {@code *.yaml} file of the folder except the kustomization. */
    static Manifests load(Path folder) {
        List<Document> documents = new ArrayList<>();
        for (Path file : yamlFiles(folder)) {
            documents.addAll(read(file.getFileName().toString(), readString(file)));
        }
        return new Manifests(documents);
    }

    static Manifests parse(String yaml) {
        return new Manifests(read("snippet", yaml));
    }

    static List<Path> yamlFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Document> read(String source, String yaml) {
        List<Document> documents = new ArrayList<>();
        try (MappingIterator<KubernetesResource> values = YAML.readerFor(KubernetesResource.class).readValues(yaml)) {
            while (values.hasNext()) {
                KubernetesResource resource = values.next();
                if (resource != null) {
                    documents.add(new Document(source, resource));
                }
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Cannot parse " + source + ": " + e.getMessage(), e);
        }
        return documents;
    }

    List<Document> documents() {
        return documents;
    }

    <T> List<T> all(Class<T> type) {
        return documents.stream().map(Document::resource).filter(type::isInstance).map(type::cast).toList();
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        all(Deployment.class).forEach(d -> workloads.add(new Workload("Deployment/" + name(d), d.getSpec().getTemplate())));
        all(StatefulSet.class).forEach(s -> workloads.add(new Workload("StatefulSet/" + name(s), s.getSpec().getTemplate())));
        all(Job.class).forEach(j -> workloads.add(new Workload("Job/" + name(j), j.getSpec().getTemplate())));
        all(CronJob.class).forEach(c -> workloads.add(new Workload("CronJob/" + name(c), c.getSpec().getJobTemplate().getSpec().getTemplate())));
        return workloads;
    }

    // ---- schema ------------------------------------------------------------------------------------------

    /**
     * Fields the Kubernetes schema does not know. fabric8 keeps them in {@code additionalProperties} instead of
     * failing, and a kind it does not know becomes a generic resource that holds everything there.
     */
    List<String> unknownFields() {
        List<String> problems = new ArrayList<>();
        for (Document document : documents) {
            walk(document.resource(), document.describe(), problems, new IdentityHashMap<>());
        }
        return problems;
    }

    private static void walk(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, problems, seen));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.") || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        Map<String, Object> extra = additionalProperties(value);
        if (!extra.isEmpty()) {
            problems.add(path + ": field(s) unknown to " + value.getClass().getSimpleName() + ": " + new TreeSet<>(extra.keySet()));
        }
        // The generated model classes hold each schema field in a @JsonProperty field.
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                if (property == null || java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    walk(field.get(value), path + "." + property.value(), problems, seen);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object extra = getter.invoke(value);
            return extra instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (NoSuchMethodException e) {
            return Map.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- probes ------------------------------------------------------------------------------------------

    /** Every Deployment's containers have liveness and readiness probes on the actuator paths and a declared port. */
    List<String> probeProblems() {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = "Deployment/" + name(deployment) + " container " + container.getName();
                checkProbe(where + " liveness", container.getLivenessProbe(), LIVENESS_PATH, container, problems);
                checkProbe(where + " readiness", container.getReadinessProbe(), READINESS_PATH, container, problems);
                if (container.getStartupProbe() != null) {
                    checkProbe(where + " startup", container.getStartupProbe(), LIVENESS_PATH, container, problems);
                }
            }
        }
        return problems;
    }

    private static void checkProbe(String where, Probe probe, String path, Container container, List<String> problems) {
        if (probe == null) {
            problems.add(where + " probe is missing");
            return;
        }
        if (probe.getHttpGet() == null) {
            problems.add(where + " probe is not an HTTP GET");
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + " probe asks " + probe.getHttpGet().getPath() + ", not " + path);
        }
        if (!declaresPort(container, probe.getHttpGet().getPort())) {
            problems.add(where + " probe uses port " + show(probe.getHttpGet().getPort()) + ", which the container does not declare");
        }
    }

    private static boolean declaresPort(Container container, IntOrString port) {
        if (port == null || container.getPorts() == null) {
            return false;
        }
        for (ContainerPort declared : container.getPorts()) {
            if (port.getStrVal() != null ? port.getStrVal().equals(declared.getName())
                    : Objects.equals(port.getIntVal(), declared.getContainerPort())) {
                return true;
            }
        }
        return false;
    }

    private static String show(IntOrString value) {
        return value == null ? "none" : value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getIntVal());
    }

    // ---- services and ingresses --------------------------------------------------------------------------

    /** Every Service selects the pods of some workload, and its target ports are ports those pods declare. */
    List<String> serviceProblems() {
        List<String> problems = new ArrayList<>();
        for (Service service : all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                problems.add("Service/" + name(service) + " has no selector");
                continue;
            }
            List<Workload> selected = workloads().stream().filter(w -> w.labels().entrySet().containsAll(selector.entrySet())).toList();
            if (selected.isEmpty()) {
                problems.add("Service/" + name(service) + " selector " + selector + " matches no pod template");
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                for (Workload workload : selected) {
                    if (workload.template().getSpec().getContainers().stream().noneMatch(c -> declaresPort(c, target))) {
                        problems.add("Service/" + name(service) + " targets port " + show(target) + ", which " + workload.describe() + " does not declare");
                    }
                }
            }
        }
        return problems;
    }

    /** Every Ingress backend names an existing Service and one of its ports. */
    List<String> ingressProblems() {
        List<String> problems = new ArrayList<>();
        for (Ingress ingress : all(Ingress.class)) {
            List<IngressBackend> backends = new ArrayList<>();
            if (ingress.getSpec().getDefaultBackend() != null) {
                backends.add(ingress.getSpec().getDefaultBackend());
            }
            ingress.getSpec().getRules().forEach(r -> r.getHttp().getPaths().forEach(p -> backends.add(p.getBackend())));
            for (IngressBackend backend : backends) {
                String serviceName = backend.getService().getName();
                Service service = all(Service.class).stream().filter(s -> name(s).equals(serviceName)).findFirst().orElse(null);
                if (service == null) {
                    problems.add("Ingress/" + name(ingress) + " routes to Service/" + serviceName + ", which is not defined");
                    continue;
                }
                var port = backend.getService().getPort();
                boolean found = service.getSpec().getPorts().stream().anyMatch(p -> port.getName() != null
                        ? port.getName().equals(p.getName()) : Objects.equals(port.getNumber(), p.getPort()));
                if (!found) {
                    problems.add("Ingress/" + name(ingress) + " routes to a port Service/" + serviceName + " does not have");
                }
            }
        }
        return problems;
    }

    // ---- autoscalers and disruption budgets ---------------------------------------------------------------

    /** Every HorizontalPodAutoscaler scales a Deployment (or StatefulSet) defined here. */
    List<String> autoscalerProblems() {
        List<String> problems = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            boolean exists = switch (target.getKind()) {
                case "Deployment" -> all(Deployment.class).stream().anyMatch(d -> name(d).equals(target.getName()));
                case "StatefulSet" -> all(StatefulSet.class).stream().anyMatch(s -> name(s).equals(target.getName()));
                default -> false;
            };
            if (!exists) {
                problems.add("HorizontalPodAutoscaler/" + name(hpa) + " scales " + target.getKind() + "/" + target.getName()
                        + ", which is not defined");
            }
        }
        return problems;
    }

    /** Every PodDisruptionBudget and NetworkPolicy pod selector matches some pod template. */
    List<String> selectorProblems() {
        List<String> problems = new ArrayList<>();
        for (PodDisruptionBudget pdb : all(PodDisruptionBudget.class)) {
            if (!selectsSomething(pdb.getSpec().getSelector())) {
                problems.add("PodDisruptionBudget/" + name(pdb) + " selects no pod template");
            }
        }
        for (NetworkPolicy policy : all(NetworkPolicy.class)) {
            if (!selectsSomething(policy.getSpec().getPodSelector())) {
                problems.add("NetworkPolicy/" + name(policy) + " applies to no pod template");
            }
            List<NetworkPolicyPeer> peers = new ArrayList<>();
            if (policy.getSpec().getIngress() != null) {
                policy.getSpec().getIngress().forEach(rule -> {
                    if (rule.getFrom() != null) {
                        peers.addAll(rule.getFrom());
                    }
                });
            }
            if (policy.getSpec().getEgress() != null) {
                policy.getSpec().getEgress().forEach(rule -> {
                    if (rule.getTo() != null) {
                        peers.addAll(rule.getTo());
                    }
                });
            }
            for (NetworkPolicyPeer peer : peers) {
                // A pod selector without a namespace selector means pods of this namespace: they must exist.
                if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                        && !selectsSomething(peer.getPodSelector())) {
                    problems.add("NetworkPolicy/" + name(policy) + " names peers " + peer.getPodSelector().getMatchLabels()
                            + " that match no pod template");
                }
            }
        }
        return problems;
    }

    private boolean selectsSomething(LabelSelector selector) {
        if (selector == null) {
            return false;
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return workloads().stream().anyMatch(w -> w.labels().entrySet().containsAll(wanted.entrySet()));
    }

    // ---- Pod Security Standard "restricted" ---------------------------------------------------------------

    /**
     * What the namespace's {@code pod-security.kubernetes.io/enforce: restricted} admits: non-root, no privilege
     * escalation, all capabilities dropped, the runtime's seccomp profile, and only unprivileged volume types.
     */
    List<String> podSecurityProblems() {
        List<String> problems = new ArrayList<>();
        for (Workload workload : workloads()) {
            var spec = workload.template().getSpec();
            var pod = spec.getSecurityContext();
            boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
            boolean podSeccomp = pod != null && pod.getSeccompProfile() != null
                    && List.of("RuntimeDefault", "Localhost").contains(pod.getSeccompProfile().getType());
            if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID()) || Boolean.TRUE.equals(spec.getHostIPC())) {
                problems.add(workload.describe() + " uses host namespaces");
            }
            if (spec.getVolumes() != null) {
                for (Volume volume : spec.getVolumes()) {
                    if (volume.getConfigMap() == null && volume.getSecret() == null && volume.getEmptyDir() == null
                            && volume.getPersistentVolumeClaim() == null && volume.getProjected() == null
                            && volume.getDownwardAPI() == null && volume.getEphemeral() == null) {
                        problems.add(workload.describe() + " volume " + volume.getName() + " is of a type restricted pods may not use");
                    }
                }
            }
            for (Container container : workload.allContainers()) {
                String where = workload.describe() + " container " + container.getName();
                var context = container.getSecurityContext();
                if (context == null || !Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                    problems.add(where + " does not set allowPrivilegeEscalation: false");
                }
                if (context == null || context.getCapabilities() == null || context.getCapabilities().getDrop() == null
                        || !context.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(where + " does not drop ALL capabilities");
                }
                if (context != null && Boolean.TRUE.equals(context.getPrivileged())) {
                    problems.add(where + " is privileged");
                }
                boolean nonRoot = context != null && context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podNonRoot;
                if (!nonRoot) {
                    problems.add(where + " may run as root (runAsNonRoot is not true)");
                }
                boolean seccomp = context != null && context.getSeccompProfile() != null
                        ? List.of("RuntimeDefault", "Localhost").contains(context.getSeccompProfile().getType()) : podSeccomp;
                if (!seccomp) {
                    problems.add(where + " has no RuntimeDefault or Localhost seccomp profile");
                }
            }
        }
        return problems;
    }

    // ---- references to Secrets and ConfigMaps -------------------------------------------------------------

    /** Every secretKeyRef, configMapKeyRef, envFrom and volume names a Secret or ConfigMap defined here, with that key. */
    List<String> referenceProblems() {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (Secret secret : all(Secret.class)) {
            Set<String> keys = new TreeSet<>();
            if (secret.getData() != null) {
                keys.addAll(secret.getData().keySet());
            }
            if (secret.getStringData() != null) {
                keys.addAll(secret.getStringData().keySet());
            }
            secrets.put(name(secret), keys);
        }
        Map<String, Set<String>> configMaps = all(ConfigMap.class).stream().collect(Collectors.toMap(Manifests::name,
                c -> c.getData() == null ? Set.of() : c.getData().keySet(), (a, b) -> a, LinkedHashMap::new));

        List<String> problems = new ArrayList<>();
        for (Workload workload : workloads()) {
            for (Container container : workload.allContainers()) {
                String where = workload.describe() + " container " + container.getName();
                if (container.getEnv() != null) {
                    for (EnvVar env : container.getEnv()) {
                        if (env.getValueFrom() == null) {
                            continue;
                        }
                        var secretRef = env.getValueFrom().getSecretKeyRef();
                        if (secretRef != null) {
                            checkKey(where + " env " + env.getName(), "Secret", secrets, secretRef.getName(), secretRef.getKey(), problems);
                        }
                        var configRef = env.getValueFrom().getConfigMapKeyRef();
                        if (configRef != null) {
                            checkKey(where + " env " + env.getName(), "ConfigMap", configMaps, configRef.getName(), configRef.getKey(), problems);
                        }
                    }
                }
                if (container.getEnvFrom() != null) {
                    for (EnvFromSource from : container.getEnvFrom()) {
                        if (from.getConfigMapRef() != null) {
                            checkKey(where + " envFrom", "ConfigMap", configMaps, from.getConfigMapRef().getName(), null, problems);
                        }
                        if (from.getSecretRef() != null) {
                            checkKey(where + " envFrom", "Secret", secrets, from.getSecretRef().getName(), null, problems);
                        }
                    }
                }
            }
            if (workload.template().getSpec().getVolumes() != null) {
                for (Volume volume : workload.template().getSpec().getVolumes()) {
                    String where = workload.describe() + " volume " + volume.getName();
                    if (volume.getSecret() != null) {
                        checkItems(where, "Secret", secrets, volume.getSecret().getSecretName(), volume.getSecret().getItems(), problems);
                    }
                    if (volume.getConfigMap() != null) {
                        checkItems(where, "ConfigMap", configMaps, volume.getConfigMap().getName(), volume.getConfigMap().getItems(), problems);
                    }
                }
            }
        }
        return problems;
    }

    private static void checkItems(String where, String kind, Map<String, Set<String>> defined, String name,
                                   List<KeyToPath> items, List<String> problems) {
        checkKey(where, kind, defined, name, null, problems);
        if (items != null) {
            items.forEach(item -> checkKey(where, kind, defined, name, item.getKey(), problems));
        }
    }

    private static void checkKey(String where, String kind, Map<String, Set<String>> defined, String name, String key,
                                 List<String> problems) {
        Set<String> keys = defined.get(name);
        if (keys == null) {
            problems.add(where + " names " + kind + "/" + name + ", which is not defined");
        } else if (key != null && !keys.contains(key)) {
            problems.add(where + " names key " + key + " of " + kind + "/" + name + ", which has only " + keys);
        }
    }

    // ---- kustomization -----------------------------------------------------------------------------------

    /** The kustomization lists every manifest of its folder, and nothing that is not there. */
    static List<String> kustomizationProblems(Path folder) {
        JsonNode kustomization;
        try {
            kustomization = YAML.readTree(folder.resolve("kustomization.yaml").toFile());
        } catch (JacksonException e) {
            return List.of("Cannot read kustomization.yaml in " + folder + ": " + e.getMessage());
        }
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = yamlFiles(folder).stream().map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        present.stream().filter(f -> !listed.contains(f)).forEach(f -> problems.add(f + " is not listed in kustomization.yaml"));
        listed.stream().filter(f -> !present.contains(f)).forEach(f -> problems.add("kustomization.yaml lists " + f + ", which does not exist"));
        return problems;
    }

    static String name(HasMetadata resource) {
        return resource.getMetadata() == null ? "?" : resource.getMetadata().getName();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
