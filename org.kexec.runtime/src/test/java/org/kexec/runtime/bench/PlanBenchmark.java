package org.kexec.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.image.DebianKernels;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.plan.CommandLines;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.PurgatorySpec;
import org.kexec.runtime.spec.Target;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a loader's {@code plan} costs with Debian's real kernel and a 64 MiB initrd: the whole of read + parse +
 * hash + plan, the same without hashing (planning alone), and the user-space digest throughput (MiB/s) the
 * purgatory's digest is computed at. scripts/bench-plan.sh runs it beside sha256sum and openssl on the same file.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlanBenchmark {

    static final int INITRD_BYTES = 64 << 20;

    @Param({"sha256", "sha384", "sha512"})
    public String hash;

    private Path root;
    private BootSpec spec;
    private BootSpec unhashed;
    private MemoryMap memory;
    private byte[] initrd;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("kboot-bench");
        Files.copy(DebianKernels.fetch("unsigned").path(), root.resolve("vmlinuz"));
        initrd = new byte[INITRD_BYTES];
        new Random(1).nextBytes(initrd);
        Files.write(root.resolve("initrd.img"), initrd);
        spec = boot(HashAlgorithm.byKeyword(hash));
        unhashed = boot(HashAlgorithm.NONE);
        memory = MemoryProfiles.load("large-server");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.delete(root.resolve("vmlinuz"));
        Files.delete(root.resolve("initrd.img"));
        Files.delete(root);
    }

    private static BootSpec boot(HashAlgorithm algorithm) {
        return new BootSpec("bench", Target.LINUX, false, LoadMode.KEXEC_LOAD, BootKind.DEFAULT, KernelEntry.BOOT_PROTOCOL,
                new ImageSpec("k", ImageRole.KERNEL, "vmlinuz", Optional.empty(), List.of()),
                List.of(new ImageSpec("i", ImageRole.INITRD, "initrd.img", Optional.empty(), List.of())),
                new CmdlineSpec(false, List.of(), List.of("console=ttyS0 root=/dev/vda1"), List.of()), Optional.empty(),
                new PurgatorySpec(algorithm, Optional.empty(), PurgatorySpec.defaultRegisters(KernelEntry.BOOT_PROTOCOL)), PlacementSpec.defaults());
    }

    private KexecPlan plan(BootSpec boot) throws Exception {
        BootImages images = BootImages.accept(boot, HostFiles.of(root));
        return SegmentPlanner.plan(PlanInputs.of(boot, images.kernel(), images.initrds(), CommandLines.compose(boot.cmdline(), "", images.embeddedCmdline()), memory, Optional.empty(), CrashSources.none()));
    }

    /** read + parse + hash + plan of the kernel and the 64 MiB initrd. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public KexecPlan readHashAndPlan() throws Exception {
        return plan(spec);
    }

    /** read + parse + plan without the digest: what planning itself costs. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public KexecPlan readAndPlanWithoutHash() throws Exception {
        return plan(unhashed);
    }

    /** Digest throughput over the initrd's bytes in memory, in MiB per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(INITRD_BYTES >> 20)
    public byte[] digestMebibytes() throws Exception {
        return MessageDigest.getInstance(HashAlgorithm.byKeyword(hash).jcaName()).digest(initrd);
    }
}
