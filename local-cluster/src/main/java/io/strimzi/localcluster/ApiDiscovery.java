package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API discovery documents a Kubernetes API server serves ({@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/<group>} and {@code /apis/<group>/<version>}), which kubectl reads before anything else. Built-in
 * resources come from the fabric8 model classes of the kinds the operator and the local parts use; custom resources
 * from the CRDs registered here: every served version, the CRD's names, scope and its status and scale subresources,
 * so that a version added to the CRD appears without any change here.
 */
final class ApiDiscovery {
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<Class<? extends HasMetadata>> BUILT_IN = List.of(Pod.class, ConfigMap.class, Secret.class,
            Service.class, ServiceAccount.class, Namespace.class, Event.class, Endpoints.class, PersistentVolumeClaim.class,
            Node.class, Deployment.class, ReplicaSet.class, StatefulSet.class, Lease.class, CustomResourceDefinition.class,
            Role.class, RoleBinding.class, ClusterRole.class, ClusterRoleBinding.class);
    private static final Map<String, List<String>> SHORT_NAMES = Map.of("pods", List.of("po"), "configmaps", List.of("cm"),
            "services", List.of("svc"), "serviceaccounts", List.of("sa"), "namespaces", List.of("ns"), "events", List.of("ev"),
            "endpoints", List.of("ep"), "deployments", List.of("deploy"), "replicasets", List.of("rs"),
            "customresourcedefinitions", List.of("crd", "crds"));
    private static final Map<String, List<String>> SUBRESOURCES = Map.of("pods", List.of("status", "log"),
            "deployments", List.of("status"), "namespaces", List.of("status"));
    private static final Pattern GROUP_VERSION = Pattern.compile("^/apis/([^/]+)(?:/([^/]+))?/?$");

    /** A custom resource's scale subresource, for {@link MockApiServer}'s /scale handler. */
    record Scale(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
    }

    private final List<CustomResourceDefinition> crds = new CopyOnWriteArrayList<>();

    void register(CustomResourceDefinition crd) {
        crds.add(crd);
    }

    /** The discovery document for a GET of path (without its query), if path is one. */
    Optional<Map<String, Object>> answer(String path) {
        if (path.equals("/api") || path.equals("/api/")) {
            return Optional.of(Map.of("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1"))));
        }
        if (path.equals("/api/v1") || path.equals("/api/v1/")) {
            return Optional.of(resourceList("v1", resources("", "v1")));
        }
        if (path.equals("/apis") || path.equals("/apis/")) {
            return Optional.of(Map.of("kind", "APIGroupList", "apiVersion", "v1",
                    "groups", groups().entrySet().stream().map(g -> group(g.getKey(), g.getValue())).toList()));
        }
        Matcher matcher = GROUP_VERSION.matcher(path);
        if (matcher.matches()) {
            List<String> versions = groups().get(matcher.group(1));
            if (versions == null) {
                return Optional.empty();
            }
            if (matcher.group(2) == null) {
                return Optional.of(group(matcher.group(1), versions));
            }
            if (versions.contains(matcher.group(2))) {
                return Optional.of(resourceList(matcher.group(1) + "/" + matcher.group(2), resources(matcher.group(1), matcher.group(2))));
            }
        }
        return Optional.empty();
    }

    /** The scale subresource of a custom resource, if its CRD has one in that version. */
    Optional<Scale> scale(String group, String version, String plural) {
        return crds.stream()
                .filter(crd -> crd.getSpec().getGroup().equals(group) && crd.getSpec().getNames().getPlural().equals(plural))
                .flatMap(crd -> crd.getSpec().getVersions().stream())
                .filter(v -> v.getName().equals(version) && Boolean.TRUE.equals(v.getServed()) && v.getSubresources() != null
                        && v.getSubresources().getScale() != null)
                .map(v -> new Scale(v.getSubresources().getScale().getSpecReplicasPath(),
                        v.getSubresources().getScale().getStatusReplicasPath(), v.getSubresources().getScale().getLabelSelectorPath()))
                .findFirst();
    }

    /** Group → served versions, preferred first (Kubernetes' version priority: GA, then beta, then alpha, newest first). */
    private Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Class<? extends HasMetadata> type : BUILT_IN) {
            String group = HasMetadata.getGroup(type);
            if (!group.isEmpty()) {
                add(groups, group, HasMetadata.getVersion(type));
            }
        }
        for (CustomResourceDefinition crd : crds) {
            crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getServed()))
                    .forEach(v -> add(groups, crd.getSpec().getGroup(), v.getName()));
        }
        groups.values().forEach(versions -> versions.sort(VERSION_PRIORITY));
        return groups;
    }

    private static void add(Map<String, List<String>> groups, String group, String version) {
        List<String> versions = groups.computeIfAbsent(group, ignored -> new ArrayList<>());
        if (!versions.contains(version)) {
            versions.add(version);
        }
    }

    /** Kubernetes' version priority: GA before beta before alpha, then the higher major, then the higher minor. */
    static final Comparator<String> VERSION_PRIORITY = Comparator
            .comparingInt((String v) -> stability(v))
            .thenComparing(v -> -number(v, 1))
            .thenComparing(v -> -number(v, 3))
            .thenComparing(Comparator.naturalOrder());
    private static final Pattern KUBE_VERSION = Pattern.compile("^v(\\d+)(?:(alpha|beta)(\\d+))?$");

    private static int stability(String version) {
        Matcher matcher = KUBE_VERSION.matcher(version);
        return !matcher.matches() ? 3 : matcher.group(2) == null ? 0 : matcher.group(2).equals("beta") ? 1 : 2;
    }

    private static long number(String version, int group) {
        Matcher matcher = KUBE_VERSION.matcher(version);
        return matcher.matches() && matcher.group(group) != null ? Long.parseLong(matcher.group(group)) : 0;
    }

    private static Map<String, Object> group(String name, List<String> versions) {
        List<Map<String, String>> entries = versions.stream().map(v -> Map.of("groupVersion", name + "/" + v, "version", v)).toList();
        return Map.of("kind", "APIGroup", "apiVersion", "v1", "name", name, "versions", entries, "preferredVersion", entries.get(0));
    }

    private static Map<String, Object> resourceList(String groupVersion, List<Map<String, Object>> resources) {
        return Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion, "resources", resources);
    }

    private List<Map<String, Object>> resources(String group, String version) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Class<? extends HasMetadata> type : BUILT_IN) {
            if (HasMetadata.getGroup(type).equals(group) && HasMetadata.getVersion(type).equals(version)) {
                String plural = HasMetadata.getPlural(type);
                resources.add(resource(plural, HasMetadata.getSingular(type), HasMetadata.getKind(type),
                        Namespaced.class.isAssignableFrom(type), SHORT_NAMES.getOrDefault(plural, List.of()), List.of()));
                for (String subresource : SUBRESOURCES.getOrDefault(plural, List.of())) {
                    resources.add(resource(plural + "/" + subresource, "", HasMetadata.getKind(type),
                            Namespaced.class.isAssignableFrom(type), List.of(), List.of()));
                }
            }
        }
        for (CustomResourceDefinition crd : crds) {
            if (!crd.getSpec().getGroup().equals(group)) {
                continue;
            }
            var names = crd.getSpec().getNames();
            boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
            for (CustomResourceDefinitionVersion served : crd.getSpec().getVersions()) {
                if (!served.getName().equals(version) || !Boolean.TRUE.equals(served.getServed())) {
                    continue;
                }
                resources.add(resource(names.getPlural(), names.getSingular(), names.getKind(), namespaced,
                        names.getShortNames() == null ? List.of() : names.getShortNames(),
                        names.getCategories() == null ? List.of() : names.getCategories()));
                if (served.getSubresources() != null && served.getSubresources().getStatus() != null) {
                    resources.add(resource(names.getPlural() + "/status", "", names.getKind(), namespaced, List.of(), List.of()));
                }
                if (served.getSubresources() != null && served.getSubresources().getScale() != null) {
                    Map<String, Object> scale = resource(names.getPlural() + "/scale", "", "Scale", namespaced, List.of(), List.of());
                    scale.put("group", "autoscaling");
                    scale.put("version", "v1");
                    resources.add(scale);
                }
            }
        }
        return resources;
    }

    private static Map<String, Object> resource(String name, String singular, String kind, boolean namespaced,
                                                List<String> shortNames, List<String> categories) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", name);
        resource.put("singularName", singular == null ? "" : singular);
        resource.put("namespaced", namespaced);
        resource.put("kind", kind);
        resource.put("verbs", name.contains("/") ? List.of("get", "patch", "update") : VERBS);
        if (!shortNames.isEmpty()) {
            resource.put("shortNames", shortNames);
        }
        if (!categories.isEmpty()) {
            resource.put("categories", categories);
        }
        return resource;
    }
}
