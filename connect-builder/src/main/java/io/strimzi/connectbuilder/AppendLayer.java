package io.strimzi.connectbuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The benchmark's lower bound, not the builder: appends an already written layer tar to the plan's base image and
 * pushes it with the same Jib calls the builder makes, nothing else (no download, no unpacking, no layer writing).
 * `java -cp connect-builder.jar io.strimzi.connectbuilder.AppendLayer PLAN LAYER.tar` prints the pushed reference.
 */
public final class AppendLayer {
    private AppendLayer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AppendLayer PLAN LAYER.tar");
            System.exit(2);
        }
        BuildPlan plan = BuildPlan.read(Path.of(args[0]));
        Path tar = Path.of(args[1]);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(tar)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                sha256.update(buffer, 0, read);
            }
        }
        LayerWriter.Layer layer = new LayerWriter.Layer(tar, "sha256:" + HexFormat.of().formatHex(sha256.digest()), Files.size(tar), 0);
        Credentials none = new Credentials(null);
        ImageAppender.Pushed pushed = new ImageAppender(line -> { }).append(plan.baseImage(), plan.image(), plan.imageName(), plan.user(),
                layer, "lower bound", new ImageAppender.Phase(RegistryOptions.parse(plan.buildOptionsOrEmpty(), RegistryOptions.Phase.PULL), none),
                new ImageAppender.Phase(RegistryOptions.parse(plan.pushOptionsOrEmpty(), RegistryOptions.Phase.PUSH), none));
        System.out.println(pushed.reference());
    }
}
