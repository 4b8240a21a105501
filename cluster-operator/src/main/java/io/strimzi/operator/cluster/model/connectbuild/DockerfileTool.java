package io.strimzi.operator.cluster.model.connectbuild;

/**
 * A tool that builds from the generated Dockerfile (Buildah, Kaniko): its input is the Dockerfile ConfigMap, mounted at
 * {@link ConnectDockerfile#PATH}, so both build the same image and have the same revisions.
 */
abstract class DockerfileTool implements PodBuildTool {
    /** The tool's own image, which the build container runs. */
    protected final String toolImage;
    private final String mavenBuilderImage;

    /** @param mavenBuilderImage the image of the Dockerfile's first stage, which resolves Maven artifacts */
    DockerfileTool(String toolImage, String mavenBuilderImage) {
        this.toolImage = toolImage;
        this.mavenBuilderImage = mavenBuilderImage;
    }

    @Override
    public final ToolInput input(BuildDescription build, String connectName) {
        return ConnectDockerfile.of(build, mavenBuilderImage).input(connectName);
    }
}
