package io.strimzi.operator.cluster.model.connectbuild;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds with `buildah build`, pushes with `buildah push` and reports the pushed image by digest
 * (`UseConnectBuildWithBuildah` enabled).
 *
 * The container runs `/bin/sh -c SCRIPT buildah-build IMAGE NAME N OPTION…`: SCRIPT is the fixed text below; IMAGE is
 * the output image, NAME its registry and repository without tag, N the number of build options that follow, then the
 * push options. User values only ever arrive as those positional parameters and reach buildah as exact arguments, so
 * no shell interprets them. The script's paths ({@link ConnectDockerfile#PATH},
 * {@link PodBuildTool#TERMINATION_LOG_PATH}, {@link #WORK_DIR}) each appear once in its text, so that a test
 * harness can map them.
 *
 * Storage: every buildah call uses the vfs driver (no overlay or FUSE needed); images live in an emptyDir mounted at
 * {@link #STORAGE_PATH}, limited by default to {@value ScratchSizeLimit#DEFAULT} (`template.buildPod.tmpDirSizeLimit`
 * changes it). Under vfs every layer is a full copy of the root filesystem, so the limit must hold about
 * (number of layers + 1) × the base image's unpacked size.
 *
 * Security: the container adds only the KILL, SETGID and SETUID capabilities (chroot isolation switches users and
 * stops processes of RUN steps) and is not privileged. Adding capabilities is what the restricted Pod Security profile
 * forbids, so the build Pod needs the baseline profile.
 */
final class BuildahTool extends DockerfileTool {
    /** Buildah's storage (root's default graph root lives below it): the scratch emptyDir. */
    public static final String STORAGE_PATH = "/var/lib/containers";
    /** The script's own files (digest file, error output, temporary files): on the storage volume. */
    public static final String WORK_DIR = STORAGE_PATH + "/strimzi-build";
    /** The push secret's config.json is mounted here and named by REGISTRY_AUTH_FILE. */
    public static final String PUSH_SECRET_DIR = "/etc/strimzi/push-secret";
    /** `$0` of the script, shown by `ps` and in shell error messages. */
    public static final String SCRIPT_NAME = "buildah-build";
    static final String STORAGE_VOLUME = "buildah-storage";
    /** How many lines of the failing step's error output go to the termination log, and at most how many bytes. */
    static final int ERROR_TAIL_LINES = 20;
    static final int ERROR_TAIL_BYTES = 3000;
    /**
     * A longer error line keeps only its first and last this many characters: Buildah's last line repeats the whole
     * failing RUN instruction, which would otherwise push the real cause (a checksum mismatch, an HTTP 404) out of the
     * message, while its end often holds the cause itself ("authentication required").
     */
    static final int ERROR_LINE_KEEP = 120;
    /** The longest line in the termination log: head, `...`, tail. */
    static final int ERROR_LINE_MAX = 2 * ERROR_LINE_KEEP + 3;

    static final BuildOptionAllowlist BUILD_OPTIONS = BuildOptionAllowlist.of("Buildah builder (build phase)",
            List.of("--tls-verify"),
            List.of("--authfile", "--cert-dir", "--creds", "--decryption-key", "--retry", "--retry-delay"));
    static final BuildOptionAllowlist PUSH_OPTIONS = BuildOptionAllowlist.of("Buildah builder (push phase)",
            List.of("--quiet", "--tls-verify"),
            List.of("--authfile", "--cert-dir", "--creds", "--retry", "--retry-delay"));

    /**
     * POSIX sh (dash, bash, busybox ash). Positional parameters: see the class comment. No user value is part of it.
     * Error output of each step goes both to the log (through tee) and to a file whose tail becomes the termination
     * message when the step fails.
     */
    static final String SCRIPT = """
            image=$1
            image_name=$2
            build_option_count=$3
            shift 3
            work_dir=@WORK_DIR@
            termination_log=@TERMINATION_LOG@
            digest_file="$work_dir/digest"
            stderr_file="$work_dir/stderr"
            stderr_pipe="$work_dir/stderr.pipe"
            context_dir="$work_dir/context"

            fail() {
                printf '%s\\n' "$1" > "$termination_log"
                exit 1
            }

            # limit NAME: this container's soft:hard limit of NAME (as /proc/self/limits names it), unlimited as -1.
            limit() {
                sed -n "s/^Max $1  *\\([0-9a-z]*\\)  *\\([0-9a-z]*\\) .*/\\1:\\2/p" /proc/self/limits | sed 's/unlimited/-1/g'
            }

            # run_step STEP COMMAND...: runs COMMAND; on failure, its last error lines become the termination message.
            run_step() {
                step=$1
                shift
                rm -f "$stderr_file" "$stderr_pipe"
                mkfifo "$stderr_pipe" || fail "cannot create $stderr_pipe"
                tee "$stderr_file" < "$stderr_pipe" >&2 &
                tee_pid=$!
                "$@" 2> "$stderr_pipe"
                status=$?
                wait "$tee_pid"
                rm -f "$stderr_pipe"
                if [ "$status" -ne 0 ]; then
                    {
                        printf '%s failed with exit code %s:\\n' "$step" "$status"
                        tail -n @TAIL_LINES@ "$stderr_file" | sed -E 's/^(.{@LINE_KEEP@}).{4,}(.{@LINE_KEEP@})$/\\1...\\2/' | tail -c @TAIL_BYTES@
                    } > "$termination_log"
                    exit "$status"
                fi
            }

            # The first $build_option_count parameters are build options, the rest push options.
            build() {
                index=0
                for option in "$@"; do
                    if [ "$index" -lt "$build_option_count" ]; then
                        set -- "$@" "$option"
                    fi
                    shift
                    index=$((index + 1))
                done
                run_step "buildah build" buildah build --file=@DOCKERFILE@ --tag="$image" --storage-driver=vfs --ulimit="nofile=$nofile" --ulimit="nproc=$nproc" "$@" "$context_dir"
            }

            push() {
                shift "$build_option_count"
                run_step "buildah push" buildah push --storage-driver=vfs --digestfile="$digest_file" "$@" "$image"
            }

            # RUN steps keep the container's own limits: without --ulimit, Buildah 1.40+ raises them to 1048576, which
            # fails without CAP_SYS_RESOURCE where the node's hard limit is lower (1.39 raises the soft limit to the hard).
            nofile=$(limit 'open files')
            nproc=$(limit processes)
            [ -n "$nofile" ] && [ -n "$nproc" ] || fail "cannot read the open files and processes limits from /proc/self/limits"
            mkdir -p "$work_dir/tmp" || fail "cannot create $work_dir/tmp"
            # The build context: an empty directory on the volume, not the working directory (/ in the Buildah image),
            # which Buildah would otherwise read as the context of a build that copies nothing from it.
            mkdir -p "$context_dir" || fail "cannot create $context_dir"
            # Buildah keeps pulled layers in TMPDIR (default /var/tmp): keep them on the size-limited volume too.
            export TMPDIR="$work_dir/tmp"
            rm -f "$digest_file"
            build "$@"
            push "$@"
            [ -s "$digest_file" ] || fail "buildah push wrote no digest"
            printf '%s@%s' "$image_name" "$(cat "$digest_file")" > "$termination_log"
            """
            .replace("@WORK_DIR@", WORK_DIR)
            .replace("@TERMINATION_LOG@", TERMINATION_LOG_PATH)
            .replace("@DOCKERFILE@", ConnectDockerfile.PATH)
            .replace("@TAIL_LINES@", Integer.toString(ERROR_TAIL_LINES))
            .replace("@TAIL_BYTES@", Integer.toString(ERROR_TAIL_BYTES))
            .replace("@LINE_KEEP@", Integer.toString(ERROR_LINE_KEEP));

    BuildahTool(String buildahImage, String mavenBuilderImage) {
        super(buildahImage, mavenBuilderImage);
    }

    /** A registry output; `additionalKanikoOptions` is ignored here (the deprecation warning still shows). */
    @Override
    public void check(BuildDescription build) {
        PodBuildTool.requireRegistryOutput(build);
        BUILD_OPTIONS.check(build.options().build(), BuildDescription.BUILD_OPTIONS_FIELD);
        PUSH_OPTIONS.check(build.options().push(), BuildDescription.PUSH_OPTIONS_FIELD);
    }

    @Override
    public ToolPod pod(BuildDescription build, PodSettings settings) {
        BuildOutput.Registry output = PodBuildTool.requireRegistryOutput(build);
        // No proxy build arguments: Buildah passes the proxy variables of its environment (which the Pod sets, from the
        // proxy Secret where they carry credentials) to the build steps itself, without recording them in the image.
        List<String> args = scriptArguments(output.image(), output.reference().name(), nullToEmpty(build.options().build()),
                nullToEmpty(build.options().push()));

        List<EnvVar> env = new ArrayList<>();
        // What the official Buildah image sets; the default OCI isolation needs cgroup access a Pod does not have.
        env.add(new EnvVar("BUILDAH_ISOLATION", "chroot", null));
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(STORAGE_VOLUME).withMountPath(STORAGE_PATH).build());
        if (output.pushSecret() != null) {
            env.add(new EnvVar("REGISTRY_AUTH_FILE", PUSH_SECRET_DIR + "/" + PUSH_SECRET_FILE, null));
            mounts.add(new VolumeMountBuilder().withName(PUSH_SECRET_VOLUME).withMountPath(PUSH_SECRET_DIR)
                    .withReadOnly(true).build());
        }
        return new ToolPod(toolImage, command(), args, env, mounts, securityContext(),
                List.of(new VolumeBuilder().withName(STORAGE_VOLUME)
                        .withEmptyDir(new EmptyDirVolumeSourceBuilder().withSizeLimit(new Quantity(settings.scratchSizeLimit())).build())
                        .build()), null, Map.of());
    }

    /** `/bin/sh -c SCRIPT buildah-build`: the fixed part of what the container runs. */
    static List<String> command() {
        return List.of("/bin/sh", "-c", SCRIPT, SCRIPT_NAME);
    }

    /** The script's positional parameters. Package-private so that tests can pass values validation would refuse. */
    static List<String> scriptArguments(String image, String imageName, List<String> buildOptions, List<String> pushOptions) {
        List<String> args = new ArrayList<>();
        args.add(image);
        args.add(imageName);
        args.add(Integer.toString(buildOptions.size()));
        args.addAll(buildOptions);
        args.addAll(pushOptions);
        return args;
    }

    static SecurityContext securityContext() {
        return new SecurityContextBuilder()
                .withPrivileged(false)
                .withNewCapabilities().withAdd("KILL", "SETGID", "SETUID").endCapabilities()
                .build();
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
