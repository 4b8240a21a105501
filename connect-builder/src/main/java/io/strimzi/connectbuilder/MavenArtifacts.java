package io.strimzi.connectbuilder;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.ScopeDependencyFilter;
import org.eclipse.aether.util.repository.AuthenticationBuilder;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a `maven` artifact in-process with Maven Resolver, to the jars the Dockerfile's Maven stage copies. That stage
 * does what Strimzi does: it fetches the artifact's POM (`dependency:copy`), runs `dependency:copy-dependencies` with that
 * POM as the project (every scope of its dependencies, or those `includeScope` keeps), then copies the artifact itself.
 * So here: the artifact's descriptor (its effective POM: parent, properties, dependency management, repositories) gives
 * the project's dependencies; Maven 3's rules collect them (direct dependencies of every scope, optional ones included;
 * transitive ones without test, provided and optional; nearest version wins; exclusions); the scopes are filtered as
 * copy-dependencies filters them; and the artifact's jar comes last. Repositories: the artifact's `repository` (when not
 * Maven Central), those the POMs declare, then Central, releases only from Central; with a mirror, the mirror serves
 * every request. File names as the plugin writes them (`artifactId-baseVersion[-classifier].extension`); of two files
 * with one name the later wins. Downloads go to a local repository on the scratch volume, through the environment's
 * proxies. A repository checksum that does not match is a warning, as in Maven.
 */
final class MavenArtifacts {
    /** Central as Maven's super POM names it. */
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    /** What `.spec.build.plugins[].artifacts[].repository` defaults to: Central under another name. */
    static final String DEFAULT_REPOSITORY = "https://repo1.maven.org/maven2/";

    private final RepositorySystem system = new RepositorySystemSupplier().get();
    private final Path localRepository;
    private final EnvironmentProxies proxies;

    MavenArtifacts(Path localRepository, EnvironmentProxies proxies) {
        this.localRepository = localRepository;
        this.proxies = proxies;
    }

    /** One file to copy: its name in the artifact's directory and where the local repository has it. */
    record Resolved(String fileName, Path file) {
    }

    /**
     * @throws BuildException naming the artifact, the repositories and the resolver's reason
     */
    List<Resolved> resolve(BuildPlan.Artifact artifact) {
        List<RemoteRepository> repositories = repositories(artifact);
        DefaultArtifact jar = new DefaultArtifact(artifact.group(), artifact.artifact(), "jar", artifact.version());
        try (RepositorySystemSession.CloseableSession session = session(artifact)) {
            ArtifactDescriptorResult pom = system.readArtifactDescriptor(session,
                    new ArtifactDescriptorRequest(new DefaultArtifact(artifact.group(), artifact.artifact(), "pom", artifact.version()),
                            repositories, null));
            if (!pom.getExceptions().isEmpty()) {
                throw new BuildException(artifact.describe() + ": Maven could not read its POM from "
                        + String.join(", ", repositories.stream().map(r -> Messages.safeUrl(r.getUrl())).toList()) + ": "
                        + Messages.of(pom.getExceptions().get(0)), pom.getExceptions().get(0));
            }
            List<RemoteRepository> projectRepositories = artifact.mirror() != null ? repositories
                    : system.newResolutionRepositories(session, merge(repositories, pom.getRepositories()));
            CollectRequest collect = new CollectRequest(pom.getDependencies(), pom.getManagedDependencies(), projectRepositories);
            collect.setRootArtifact(pom.getArtifact());
            DependencyRequest request = new DependencyRequest(collect, new ScopeDependencyFilter(scopes(artifact.includeScope()), null));
            Map<String, Resolved> byName = new LinkedHashMap<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                put(byName, result.getArtifact());
            }
            put(byName, system.resolveArtifact(session, new ArtifactRequest(jar, projectRepositories, null)).getArtifact());
            return List.copyOf(byName.values());
        } catch (RepositoryException e) {
            throw new BuildException(artifact.describe() + ": Maven could not resolve it from "
                    + String.join(", ", repositories.stream().map(r -> Messages.safeUrl(r.getUrl())).toList()) + ": "
                    + Messages.of(e), e);
        }
    }

    private static void put(Map<String, Resolved> byName, Artifact resolved) {
        String name = resolved.getArtifactId() + "-" + resolved.getBaseVersion()
                + (resolved.getClassifier().isEmpty() ? "" : "-" + resolved.getClassifier()) + "." + resolved.getExtension();
        byName.remove(name);
        byName.put(name, new Resolved(name, resolved.getPath()));
    }

    /** The repositories of the settings and the super POM, then the POM's own ones before Central. */
    private static List<RemoteRepository> merge(List<RemoteRepository> configured, List<RemoteRepository> declared) {
        List<RemoteRepository> merged = new ArrayList<>(configured.subList(0, configured.size() - 1));
        for (RemoteRepository repository : declared) {
            if (merged.stream().noneMatch(r -> r.getId().equals(repository.getId())) && !repository.getId().equals("central")) {
                merged.add(repository);
            }
        }
        merged.add(configured.get(configured.size() - 1));
        return merged;
    }

    /**
     * The repositories the Maven stage's settings and the super POM give: the artifact's (when not Central) then
     * Central; with a mirror, the mirror alone (it serves every repository).
     */
    static List<RemoteRepository> repositories(BuildPlan.Artifact artifact) {
        List<RemoteRepository> repositories = new ArrayList<>();
        RepositoryPolicy releases = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_WARN);
        RepositoryPolicy disabled = new RepositoryPolicy(false, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_WARN);
        if (artifact.mirror() != null) {
            repositories.add(new RemoteRepository.Builder("plugin-mirror", "default", artifact.mirror()).setPolicy(releases).build());
            return repositories;
        }
        if (!DEFAULT_REPOSITORY.equals(artifact.repository())) {
            repositories.add(new RemoteRepository.Builder("plugin-repository", "default", artifact.repository())
                    .setPolicy(releases).build());
        }
        repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL)
                .setReleasePolicy(releases).setSnapshotPolicy(disabled).build());
        return repositories;
    }

    /** The scopes maven-dependency-plugin's `includeScope` keeps; without it, every scope. */
    static Set<String> scopes(String includeScope) {
        if (includeScope == null) {
            return Set.of("compile", "provided", "runtime", "system", "test");
        }
        return switch (includeScope) {
            case "runtime" -> Set.of("compile", "runtime");
            case "compile" -> Set.of("compile", "provided", "system");
            case "test" -> Set.of("compile", "provided", "runtime", "system", "test");
            case "provided" -> Set.of("provided");
            case "system" -> Set.of("system");
            default -> throw new BuildException("the build plan's includeScope " + includeScope + " is not a Maven scope");
        };
    }

    private RepositorySystemSession.CloseableSession session(BuildPlan.Artifact artifact) {
        Map<String, String> systemProperties = new LinkedHashMap<>();
        System.getProperties().forEach((key, value) -> systemProperties.put(key.toString(), value.toString()));
        System.getenv().forEach((name, value) -> systemProperties.put("env." + name, value));
        RepositorySystemSession.SessionBuilder builder = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setSystemProperties(systemProperties)
                .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_WARN)
                .setProxySelector(this::proxy);
        if (artifact.insecure()) {
            // Resolver 2's name, and the name before it.
            builder.setConfigProperty("aether.transport.https.securityMode", "insecure");
            builder.setConfigProperty("aether.connector.https.securityMode", "insecure");
        }
        return builder.build();
    }

    private Proxy proxy(RemoteRepository repository) {
        URI uri = URI.create(repository.getUrl());
        EnvironmentProxies.Endpoint endpoint = proxies.endpointFor(uri.getScheme(), uri.getHost());
        if (endpoint == null) {
            return null;
        }
        return new Proxy(uri.getScheme(), endpoint.host(), endpoint.port(), endpoint.username() == null ? null
                : new AuthenticationBuilder().addUsername(endpoint.username()).addPassword(endpoint.password()).build());
    }
}
