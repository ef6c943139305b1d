package org.kexec.runtime.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.linux.LinuxBackend;
import org.kexec.runtime.backend.xen.XenBackend;
import org.kexec.runtime.spec.Target;

/**
 * Which system performs kexec on this host. A Xen PV dom0 (xenfs's capabilities say {@code control_d}, and the
 * kernel, where it tells, says it is a PV guest) kexecs through Xen; anything else, including HVM and PVH guests of
 * Xen, which kexec like bare metal, through Linux.
 */
public final class Hosts {

    private Hosts() {
    }

    /** The running host's kexec system. */
    public static Target detect() {
        return detect(Path.of("/"));
    }

    /** The kexec system of the host whose root file system is {@code root} (a recorded copy in tests). */
    static Target detect(Path root) {
        String capabilities = read(root.resolve("proc/xen/capabilities"));
        if (!capabilities.contains("control_d")) {
            return Target.LINUX;
        }
        Path guestType = root.resolve("sys/hypervisor/guest_type");
        return !Files.exists(guestType) || read(guestType).equals("PV") ? Target.XEN : Target.LINUX;
    }

    /** The backend for {@code target}. */
    public static KexecBackend backend(Target target) {
        return target == Target.XEN ? new XenBackend() : new LinuxBackend();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
