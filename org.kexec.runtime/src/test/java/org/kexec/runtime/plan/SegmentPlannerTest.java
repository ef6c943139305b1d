package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.BzImages;
import org.kexec.runtime.image.DebianKernels;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.purgatory.PurgatoryImage;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.PlacementPolicy;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.Target;

class SegmentPlannerTest {

    private static final MemoryMap QEMU_1G = MemoryProfiles.load("qemu-1g");
    /** A purgatory the size of kexec-tools' (memsz 0x9000), entered at +0x760, with kboot's empty table. */
    private static final PurgatoryImage PURGATORY = new PurgatoryImage(
            java.util.Arrays.copyOf(PurgatoryImage.bundled().blob(), 0x70e0), 0x9000, 0x760, 0x9000);

    private static PlanInputs inputs(BootSpec spec, BzImage kernel, int... initrdSizes) {
        List<NamedBytes> initrds = new java.util.ArrayList<>();
        for (int i = 0; i < initrdSizes.length; i++) {
            initrds.add(NamedBytes.of("initrd" + i, new byte[initrdSizes[i]]));
        }
        return new PlanInputs(spec, kernel, initrds, "console=ttyS0", QEMU_1G, PURGATORY, Optional.empty(), CrashSources.none());
    }

    private static BzImage syntheticKernel() throws Exception {
        return BzImage.parse(BzImages.debian12(0x8000));
    }

    private static String layout(KexecPlan plan) {
        StringBuilder text = new StringBuilder();
        for (Segment segment : plan.segments()) {
            text.append(String.format("%s %x+%x (%x)%n", segment.role(), segment.mem(), segment.memsz(), segment.bufsz()));
        }
        return text.toString();
    }

    /**
     * kexec-tools' layout of the same kernel in the same 1 GiB guest (e2e-qemu.md, Step 3): purgatory 0x3ffd7000,
     * boot_params 0x3ffd1000 (its real-mode buffer carries the whole setup code, 0x6000), kernel 0x3c000000,
     * initrd 0x3bef4000 (the kernel's memsz, its init_size, changes with Debian's kernel updates). kboot's boot_params segment holds only the zero page and command line (0x2000), so it sits
     * higher; the kernel and the initrd land exactly where kexec-tools puts them.
     */
    @Test
    void placesARealKernelWhereKexecToolsDoes() throws Exception {
        BzImage kernel = BzImage.parse(Files.readAllBytes(DebianKernels.fetch("unsigned").path()));
        KexecPlan plan = SegmentPlanner.plan(inputs(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1), kernel, 0x10ba87));
        assertEquals("""
                initrd i0 3bef4000+10c000 (10ba87)
                kernel 3c000000+%x (%x)
                boot_params 3ffd5000+2000 (100e)
                purgatory 3ffd7000+9000 (70e0)
                """.formatted(SegmentSizes.kernel(kernel.header(), kernel.length()),
                kernel.length() - kernel.header().protectedModeOffset()), layout(plan));
        assertEquals(0x3ffd7760L, plan.entry());
        assertEquals(0x3e0000L, plan.flags());
        assertEquals(0x3c000200L, plan.registers().get(Register.RIP));
        assertEquals(0x3ffd5000L, plan.registers().get(Register.RSI));
        assertEquals(0x3ffe0000L, plan.registers().get(Register.RSP));
        assertEquals(0L, plan.registers().get(Register.RBX));
        assertEquals("console=ttyS0", plan.cmdline());
    }

    @Test
    void bootParamsPointAtTheCommandLineAndInitrds() throws Exception {
        KexecPlan plan = SegmentPlanner.plan(inputs(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 2), syntheticKernel(), 0x1800, 0x3000));
        Segment params = plan.segments().stream().filter(s -> s.role().equals("boot_params")).findFirst().orElseThrow();
        Segment first = plan.segments().stream().filter(s -> s.role().equals("initrd i0")).findFirst().orElseThrow();
        Segment second = plan.segments().stream().filter(s -> s.role().equals("initrd i1")).findFirst().orElseThrow();
        assertEquals(first.end(), second.mem(), "initrds are adjacent");
        ByteBuffer zeroPage = ByteBuffer.wrap(params.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(params.mem() + 4096, Integer.toUnsignedLong(zeroPage.getInt(0x228)), "cmd_line_ptr");
        assertEquals(first.mem(), Integer.toUnsignedLong(zeroPage.getInt(0x218)), "ramdisk_image");
        assertEquals(0x2000 + 0x3000, zeroPage.getInt(0x21c), "ramdisk_size: up to the end of the last initrd's bytes");
        assertEquals(0xd0, Byte.toUnsignedInt(zeroPage.get(0x210)), "type_of_loader");
        assertEquals(0x53726448, zeroPage.getInt(0x202), "setup header copied");
        assertEquals("console=ttyS0\0", new String(params.bytes(), 4096, 14, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void thePurgatorysTableDescribesThePlan() throws Exception {
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.CRASH, 1, PlacementPolicy.TOP_DOWN, List.of(), HashAlgorithm.SHA512);
        KexecPlan plan = SegmentPlanner.plan(inputs(spec, syntheticKernel(), 0x1000));
        Segment purgatory = plan.segments().stream().filter(s -> s.role().equals("purgatory")).findFirst().orElseThrow();
        Segment backup = plan.segments().stream().filter(s -> s.role().equals("backup")).findFirst().orElseThrow();
        ByteBuffer table = ByteBuffer.wrap(purgatory.bytes(), 0x40, 520).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, table.getInt(0x10), "flags: backup, no console");
        assertEquals(3, table.getInt(0x14), "KBOOT_HASH_SHA512");
        assertArrayEquals(plan.digest().value(), java.util.Arrays.copyOfRange(purgatory.bytes(), 0x40 + 0x18, 0x40 + 0x58));
        assertEquals(plan.segments().size() - 1, table.getInt(0x58), "every segment but the purgatory");
        assertEquals(plan.digest().regions().get(0)[0], table.getLong(0x60));
        assertEquals(plan.registers().get(Register.RIP), table.getLong(0x160 + 16 * 8));
        assertEquals(plan.registers().get(Register.RSI), table.getLong(0x160 + 4 * 8));
        assertEquals(0, table.getLong(0x1e8), "backup source");
        assertEquals(backup.mem(), table.getLong(0x1f0), "backup destination");
        assertEquals(0xa0000, table.getLong(0x1f8), "backup size");
    }

    @Test
    void bottomUpStartsLow() throws Exception {
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1, PlacementPolicy.BOTTOM_UP, List.of(), HashAlgorithm.SHA256);
        KexecPlan plan = SegmentPlanner.plan(inputs(spec, syntheticKernel(), 0x1000));
        assertEquals("""
                purgatory 100000+9000 (70e0)
                boot_params 109000+2000 (100e)
                kernel 1000000+2e9b000 (4800)
                initrd i0 3e9b000+1000 (1000)
                """, layout(plan));
    }

    @Test
    void fixedAddressesAreHonoured() throws Exception {
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1, PlacementPolicy.TOP_DOWN,
                List.of(new PlacementSpec.FixedAddress("k", 0x2000000), new PlacementSpec.FixedAddress("i0", 0x8000000)),
                HashAlgorithm.SHA256);
        String layout = layout(SegmentPlanner.plan(inputs(spec, syntheticKernel(), 0x1000)));
        assertTrue(layout.contains("kernel 2000000+2e9b000"), layout);
        assertTrue(layout.contains("initrd i0 8000000+1000"), layout);
    }

    @Test
    void fixedAddressesOutsideRamAreRefused() throws Exception {
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0, PlacementPolicy.TOP_DOWN,
                List.of(new PlacementSpec.FixedAddress("k", 0x3f000000)), HashAlgorithm.SHA256);
        assertEquals("EADDRNOTAVAIL (the load): the kernel at 0x3f000000 + 0x2e9b000 is not in free RAM this load may use",
                assertThrows(PlanException.class, () -> SegmentPlanner.plan(inputs(spec, syntheticKernel()))).getMessage());
        assertEquals("EADDRNOTAVAIL (the load): the kernel at 0x3f000000 + 0x2e9b000 is not in free RAM this load may use",
                assertThrows(PlanException.class, () -> SegmentPlanner.check(inputs(spec, syntheticKernel()))).getMessage(),
                "check refuses in the plan's words");
    }

    @Test
    void checkAcceptsWhatPlanPlans() throws Exception {
        PlanInputs in = inputs(TestBoots.boot(Target.LINUX, BootKind.CRASH, 1), syntheticKernel(), 0x1000);
        SegmentPlanner.check(in);
        assertEquals(6, SegmentPlanner.plan(in).segments().size());
    }

    @Test
    void crashLoadsStayInTheCrashRegion() throws Exception {
        KexecPlan plan = SegmentPlanner.plan(inputs(TestBoots.boot(Target.LINUX, BootKind.CRASH, 1), syntheticKernel(), 0x1000));
        assertEquals("""
                kernel 30000000+2e9b000 (4800)
                initrd i0 32f50000+1000 (1000)
                boot_params 32f51000+2000 (1024)
                elfcorehdr 32f53000+4000 (e8)
                backup 32f57000+a0000 (0)
                purgatory 32ff7000+9000 (70e0)
                """, layout(plan));
        assertEquals(0x3e0001L, plan.flags());
        assertEquals("console=ttyS0 elfcorehdr=0x32f53000", plan.cmdline());
    }

    @Test
    void crashLoadsNeedACrashRegion() throws Exception {
        MemoryMap noCrash = new MemoryMap(QEMU_1G.ranges(), List.of());
        PlanInputs in = inputs(TestBoots.boot(Target.LINUX, BootKind.CRASH, 0), syntheticKernel());
        PlanInputs without = new PlanInputs(in.spec(), in.kernel(), in.initrds(), in.cmdline(), noCrash, in.purgatory(),
                in.template(), in.crash());
        assertEquals("EADDRNOTAVAIL (the load): no crash region is reserved: boot the host with crashkernel=, e.g."
                + " crashkernel=256M", assertThrows(PlanException.class, () -> SegmentPlanner.plan(without)).getMessage());
    }

    @Test
    void xenLoadsCoverTheLowMebibyte() throws Exception {
        KexecPlan plan = SegmentPlanner.plan(inputs(TestBoots.boot(Target.XEN, BootKind.DEFAULT, 0), syntheticKernel()));
        assertEquals("Xen low-memory filler 0+100000 (0)", layout(plan).lines().findFirst().orElseThrow());
        assertEquals(4, plan.segments().size());
    }

    @Test
    void theDigestCoversTheCopiedBytesOfEverySegmentButThePurgatory() throws Exception {
        KexecPlan plan = SegmentPlanner.plan(inputs(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1, PlacementPolicy.TOP_DOWN,
                List.of(), HashAlgorithm.SHA384), syntheticKernel(), 0x1234));
        MessageDigest expected = MessageDigest.getInstance("SHA-384");
        List<long[]> regions = new java.util.ArrayList<>();
        for (Segment segment : plan.segments()) {
            if (!segment.role().equals("purgatory")) {
                expected.update(segment.bytes());
                regions.add(new long[] {segment.mem(), segment.bufsz()});
            }
        }
        assertEquals(HashAlgorithm.SHA384, plan.digest().algorithm());
        assertArrayEquals(expected.digest(), plan.digest().value());
        assertEquals(3, plan.digest().regions().size());
        for (int i = 0; i < regions.size(); i++) {
            assertArrayEquals(regions.get(i), plan.digest().regions().get(i));
        }
    }
}
