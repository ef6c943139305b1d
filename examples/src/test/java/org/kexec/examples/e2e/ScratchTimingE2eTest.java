package org.kexec.examples.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.e2e.QemuGuest;
import org.kexec.runtime.image.DebianKernels;

class ScratchTimingE2eTest {
    @TempDir
    Path work;

    @Test
    void variants() throws Exception {
        Path initrd = QemuGuest.paddedSecondStage(work, 64L << 20);
        Path out = GeneratedLoaders.compile(work, "t", """
                package e2e
                kernel debian { path "%s" }
                initrd i { path "%s" }
                boot plain { target linux load kexec_load kind default kernel debian initrd i cmdline { "console=ttyS0" } }
                boot nohash { target linux load kexec_load kind default kernel debian initrd i cmdline { "console=ttyS0" } purgatory { hash none } }
                boot byfile { target linux load kexec_file_load kind default kernel debian initrd i cmdline { "console=ttyS0" } }
                """.formatted(DebianKernels.fetch("unsigned").path(), initrd));
        StringBuilder s = new StringBuilder();
        String kernel = DebianKernels.fetch("unsigned").path().toString();
        s.append(GeneratedLoaders.timed("kexec-tools", "chroot /host /sbin/kexec -l " + kernel + " --initrd=" + initrd + " --append=console=ttyS0"));
        s.append("chroot /host /sbin/kexec -u\n");
        s.append(GeneratedLoaders.timed("kexec-tools-s", "chroot /host /sbin/kexec -s -l " + kernel + " --initrd=" + initrd + " --append=console=ttyS0"));
        s.append("chroot /host /sbin/kexec -u\n");
        s.append(GeneratedLoaders.timed("sha256sum", "chroot /host sha256sum " + initrd + " " + kernel));
        s.append(GeneratedLoaders.timed("cat", "chroot /host cat " + initrd + " " + kernel + " > /dev/null"));
        s.append(GeneratedLoaders.timed("version", "chroot /host java -Xshare:auto -XX:TieredStopAtLevel=1 -version 2>/dev/null"));
        String nohash = " -jar " + out.resolve("e2e.nohash/loader.jar") + " plan";
        String plainLoad = " -jar " + out.resolve("e2e.plain/loader.jar") + " load";
        s.append(GeneratedLoaders.timed("gc", "chroot /host java -XX:+UseSerialGC -Xlog:gc" + nohash + " | grep -v '^ \\|^plan\\|^entry\\|^flags\\|^cmdline\\|^regis\\|^digest'"));
        s.append(GeneratedLoaders.timed("xms", "chroot /host java -XX:+UseSerialGC -Xms400m" + nohash + " > /dev/null"));
        s.append(GeneratedLoaders.timed("c1", "chroot /host java -XX:+UseSerialGC -XX:TieredStopAtLevel=1" + nohash + " > /dev/null"));
        s.append(GeneratedLoaders.timed("c1xms", "chroot /host java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms400m" + nohash + " > /dev/null"));
        s.append(GeneratedLoaders.timed("serialdefault", "chroot /host java -XX:+UseSerialGC" + nohash + " > /dev/null"));
        s.append(GeneratedLoaders.timed("loadlog", "chroot /host java -XX:+UseSerialGC -Xlog:gc -Xlog:class+load:file=/run/cl.txt:uptime" + plainLoad));
        s.append("grep -E 'NativeAccess|LinuxBackend |SegmentArray|SealedFile|HostLoader\\$Planned|PlanReport|Shutdown' /host/run/cl.txt | cut -c1-90\n");
        s.append("tail -1 /host/run/cl.txt | cut -c1-60\n");
        s.append(GeneratedLoaders.loader(out, "e2e.plain", "unload") + "\n");
        s.append("free -m\n");
        s.append(GeneratedLoaders.timed("status", GeneratedLoaders.loader(out, "e2e.plain", "status")));
        s.append("grep -m1 flags /proc/cpuinfo\n");
        QemuGuest.Run run = QemuGuest.run(work, s.toString(), 900, line -> line.contains("KBOOT-E2E script ended"));
        for (String label : new String[] {"kexec-tools", "sha256sum", "version", "gc", "xms", "c1", "c1xms", "serialdefault", "loadlog", "status"}) {
            System.out.printf("SCRATCH %s %.2f%n", label, GeneratedLoaders.seconds(run, label));
        }
        System.out.println(run.text());
    }
}
