package org.kexec.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.spec.Target;

/** Which kexec system a host has, from recorded /proc and /sys trees. */
class HostsTest {

    @TempDir
    Path root;

    private void write(String file, String text) throws Exception {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), text);
    }

    @Test
    void bareMetalKexecsThroughLinux() {
        assertEquals(Target.LINUX, Hosts.detect(root));
    }

    @Test
    void aPvDom0KexecsThroughXen() throws Exception {
        write("proc/xen/capabilities", "control_d\n");
        assertEquals(Target.XEN, Hosts.detect(root), "kernels that do not say their guest type");
        write("sys/hypervisor/guest_type", "PV\n");
        assertEquals(Target.XEN, Hosts.detect(root));
    }

    @Test
    void unprivilegedDomainsAndPvhDom0KexecThroughLinux() throws Exception {
        write("proc/xen/capabilities", "\n");
        assertEquals(Target.LINUX, Hosts.detect(root), "a domU");
        write("proc/xen/capabilities", "control_d\n");
        write("sys/hypervisor/guest_type", "PVH\n");
        assertEquals(Target.LINUX, Hosts.detect(root), "a PVH dom0 runs Linux's own kexec");
    }
}
