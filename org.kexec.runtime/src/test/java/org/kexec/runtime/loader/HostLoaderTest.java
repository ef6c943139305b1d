package org.kexec.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.backend.DryRunBackend;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.host.RecordedHostFacts;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.TestBoots;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.Target;

/**
 * The loader's decisions with a backend that refuses kexec_file_load with a given errno: {@code load auto} falls back
 * to kexec_load exactly for ENOSYS, ENOEXEC and EINVAL, and otherwise refuses with the kernel's words, for every
 * errno, known to kboot or not.
 */
class HostLoaderTest {

    @TempDir
    Path state;

    /** Refuses kexec_file_load with {@code errno}; records what it was handed. */
    private static final class RefusingBackend implements KexecBackend {
        private final int errno;
        private final List<String> calls = new ArrayList<>();

        RefusingBackend(int errno) {
            this.errno = errno;
        }

        @Override
        public Target target() {
            return Target.LINUX;
        }

        @Override
        public void load(KexecPlan plan) {
            calls.add("kexec_load " + plan.segments().size());
        }

        @Override
        public void loadFile(FileLoad load) throws KexecException {
            calls.add("kexec_file_load");
            throw new KexecException("kexec_file_load failed: " + Errno.describe(errno), errno);
        }

        @Override
        public void rehearse(KexecPlan plan) {
            calls.add("rehearsed kexec_load " + plan.segments().size());
        }

        @Override
        public void rehearse(FileLoad load) {
            calls.add("rehearsed kexec_file_load");
        }

        @Override
        public void exec() {
        }

        @Override
        public void unload(BootKind kind) {
        }

        @Override
        public Status status() {
            return new Status(false, false, 0);
        }
    }

    private static BootSpec autoProbe() {
        return probe(LoadMode.AUTO);
    }

    private static BootSpec probe(LoadMode load) {
        BootSpec probe = TestBoots.withKernel(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0),
                new ImageSpec("k", ImageRole.KERNEL, "kboot:probe", Optional.empty(), List.of()));
        return new BootSpec(probe.name(), probe.target(), false, load, probe.kind(), probe.entry(), probe.kernel(), probe.initrds(),
                probe.cmdline(), probe.crash(), probe.purgatory(), probe.placement());
    }

    private static RecordedHostFacts facts() {
        return new RecordedHostFacts(MemoryProfiles.load("qemu-1g"), "", Optional.empty());
    }

    private HostLoader loader(KexecBackend backend, StringWriter out) {
        return new HostLoader(autoProbe(), HostFiles.of(state), facts(), backend, state, new PrintWriter(out, true));
    }

    /**
     * The run that records a loader's class-data archive rehearses a load of what it planned: every step, with the
     * backend's rehearsal in place of the call to the kernel, which cannot refuse, so auto does not fall back; nothing
     * is written to the state folder.
     */
    @Test
    void aRehearsedLoadGoesThroughTheBackendsRehearsalAndRecordsNothing() throws Exception {
        for (LoadMode load : List.of(LoadMode.AUTO, LoadMode.KEXEC_LOAD)) {
            RefusingBackend backend = new RefusingBackend(Errno.ENOSYS.number());
            HostLoader.DryRun planned = new HostLoader(probe(load), HostFiles.of(state), facts(), backend, state,
                    new PrintWriter(new StringWriter())).dryRun();
            HostLoader.rehearsal(probe(load), HostFiles.of(state), facts(), backend, state).load(planned);
            assertEquals(List.of(load == LoadMode.AUTO ? "rehearsed kexec_file_load" : "rehearsed kexec_load 3"), backend.calls);
            try (Stream<Path> files = Files.list(state)) {
                assertEquals(List.of(), files.toList());
            }
        }
    }

    @Test
    void autoFallsBackForEveryErrnoThatMeansTheKernelCannotTakeTheImage() throws Exception {
        for (Errno errno : List.of(Errno.ENOSYS, Errno.ENOEXEC, Errno.EINVAL)) {
            RefusingBackend backend = new RefusingBackend(errno.number());
            StringWriter out = new StringWriter();
            loader(backend, out).load();
            assertEquals(List.of("kexec_file_load", "kexec_load 3"), backend.calls, errno.name());
        }
    }

    @Test
    void autoRefusesWithTheKernelsWordsForEveryOtherErrnoKnownOrNot() {
        List<Integer> others = new ArrayList<>();
        for (Errno errno : Errno.values()) {
            if (errno != Errno.ENOSYS && errno != Errno.ENOEXEC && errno != Errno.EINVAL) {
                others.add(errno.number());
            }
        }
        others.add(4242);
        others.add(0);
        for (int errno : others) {
            RefusingBackend backend = new RefusingBackend(errno);
            HostLoader.LoadException refused = assertThrows(HostLoader.LoadException.class,
                    () -> loader(backend, new StringWriter()).load());
            assertEquals("kexec_file_load failed: " + Errno.describe(errno), refused.getMessage());
            assertEquals(List.of("kexec_file_load"), backend.calls);
        }
    }

    @Test
    void theDryRunShowsBothPathsOfAuto() throws Exception {
        StringWriter out = new StringWriter();
        loader(new RefusingBackend(0), out).plan(HostLoader.Format.TEXT);
        List<String> lines = out.toString().lines().toList();
        assertEquals("plan for b: kexec_file_load, default; the kernel places the segments itself", lines.get(0));
        assertEquals("flags      0x4 (KEXEC_FILE_NO_INITRAMFS)", lines.get(3));
        assertEquals("cmdline    console=ttyS0", lines.get(4));
        assertEquals("if kexec_file_load refuses the kernel, load auto falls back to kexec_load:", lines.get(5));
        assertEquals("plan for b: linux, default, 3 segments", lines.get(6));
    }

    @Test
    void aLoadHandsOverExactlyWhatItsDryRunPlanned() throws Exception {
        DryRunBackend backend = new DryRunBackend(Target.LINUX);
        StringWriter out = new StringWriter();
        loader(backend, out).load();
        assertEquals(1, backend.handedOver().size(), "auto hands kexec_file_load the boot first, and it takes it");
        FileLoad handed = (FileLoad) backend.handedOver().get(0);
        assertEquals("kboot:probe", handed.kernel().name());
        assertEquals("console=ttyS0", handed.cmdline());
        assertEquals(FileLoad.KEXEC_FILE_NO_INITRAMFS, handed.flags());
        StringWriter planned = new StringWriter();
        loader(new DryRunBackend(Target.LINUX), planned).plan(HostLoader.Format.TEXT);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(handed.kernel().contents().array()));
        assertEquals("kernel     kboot:probe, " + handed.kernel().size() + " bytes, sha256 " + sha256 + ", in a sealed memory file",
                planned.toString().lines().toList().get(1), "the dry run shows the very bytes the load handed over");
    }
}
