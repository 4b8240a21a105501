package io.strimzi.connectbuilder;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
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
 * Resolves a `maven` artifact in-process with Maven Resolver, to the jars the Dockerfile's Maven stage copies: a POM
 * that depends on the artifact, `mvn dependency:copy-dependencies -DincludeScope=runtime`. The same repositories
 * (the artifact's `repository`, then Maven Central as Maven's super POM adds it, releases only), Maven 3's dependency
 * rules (nearest wins, exclusions, optional and test/provided dependencies not transitive), the same scopes
 * (`includeScope` as copy-dependencies reads it) and the same file names (`artifactId-baseVersion[-classifier].ext`;
 * of two with one name the later wins). Downloads go to a local repository on the scratch volume, through the
 * environment's proxies. A repository checksum that does not match is a warning, as in Maven.
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
        try (RepositorySystemSession.CloseableSession session = session(artifact)) {
            // As the Maven stage's POM: a project that depends on the artifact, so that the artifact's own optional
            // dependencies are not taken (they would be if the artifact were the root).
            CollectRequest collect = new CollectRequest(List.of(
                    new Dependency(new DefaultArtifact(artifact.group(), artifact.artifact(), "jar", artifact.version()), "compile")),
                    List.of(), repositories);
            collect.setRootArtifact(new DefaultArtifact("io.strimzi.connect.build", artifact.directory().replace('/', '-'), "pom", "1"));
            DependencyRequest request = new DependencyRequest(collect, new ScopeDependencyFilter(scopes(artifact.includeScope()), null));
            Map<String, Resolved> byName = new LinkedHashMap<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                Artifact resolved = result.getArtifact();
                String name = resolved.getArtifactId() + "-" + resolved.getBaseVersion()
                        + (resolved.getClassifier().isEmpty() ? "" : "-" + resolved.getClassifier()) + "." + resolved.getExtension();
                byName.remove(name);
                byName.put(name, new Resolved(name, resolved.getPath()));
            }
            return List.copyOf(byName.values());
        } catch (DependencyResolutionException e) {
            throw new BuildException(artifact.describe() + ": Maven could not resolve it from "
                    + String.join(", ", repositories.stream().map(r -> Messages.safeUrl(r.getUrl())).toList()) + ": "
                    + Messages.of(e), e);
        }
    }

    /**
     * The repositories of the Maven stage's POM: the artifact's (when not Central) then Central; with mirrors, the
     * mirrors serve every request instead.
     */
    static List<RemoteRepository> repositories(BuildPlan.Artifact artifact) {
        List<RemoteRepository> repositories = new ArrayList<>();
        RepositoryPolicy releases = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_WARN);
        RepositoryPolicy disabled = new RepositoryPolicy(false, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_WARN);
        if (artifact.mirrors() != null && !artifact.mirrors().isEmpty()) {
            for (int i = 0; i < artifact.mirrors().size(); i++) {
                repositories.add(new RemoteRepository.Builder("mirror-" + i, "default", artifact.mirrors().get(i))
                        .setPolicy(releases).build());
            }
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

    /** The scopes maven-dependency-plugin's `includeScope` keeps. */
    static Set<String> scopes(String includeScope) {
        if (includeScope == null) {
            return Set.of("compile", "runtime");
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
