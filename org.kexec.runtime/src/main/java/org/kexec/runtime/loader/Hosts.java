package org.kexec.runtime.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.linux.LinuxBackend;
import org.kexec.runtime.backend.xen.XenBackend;
import org.kexec.runtime.backend.xen.XenHostFacts;
import org.kexec.runtime.host.HostFacts;
import org.kexec.runtime.host.LinuxHostFacts;
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

    /** What a loader needs of a host: its facts and the backend that loads on it. */
    public record Host(HostFacts facts, KexecBackend backend) {
    }

    /** The facts and backend of a host kexecing through {@code target}. */
    public static Host of(Target target) {
        if (target == Target.XEN) {
            XenBackend xen = new XenBackend();
            return new Host(new XenHostFacts(xen), xen);
        }
        return new Host(new LinuxHostFacts(), new LinuxBackend());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
