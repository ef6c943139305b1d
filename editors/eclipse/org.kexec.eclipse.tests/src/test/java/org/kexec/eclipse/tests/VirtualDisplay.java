package org.kexec.eclipse.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An Xvfb display for the workbench, on the first free display number from 91; stopped when closed. */
final class VirtualDisplay implements AutoCloseable {

    final String name;
    private final Process xvfb;

    private VirtualDisplay(String name, Process xvfb) {
        this.name = name;
        this.xvfb = xvfb;
    }

    static VirtualDisplay start(Path log) throws IOException, InterruptedException {
        for (int number = 91; number < 191; number++) {
            if (Files.exists(Path.of("/tmp/.X" + number + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + number))) {
                continue;
            }
            Process xvfb = new ProcessBuilder("Xvfb", ":" + number, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            for (int i = 0; i < 100 && xvfb.isAlive() && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            if (xvfb.isAlive() && Files.exists(socket)) {
                return new VirtualDisplay(":" + number, xvfb);
            }
            xvfb.destroyForcibly().waitFor();
        }
        throw new IOException("no free X display for Xvfb between :91 and :190 (see " + log + ")");
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly().waitFor();
        }
    }
}
