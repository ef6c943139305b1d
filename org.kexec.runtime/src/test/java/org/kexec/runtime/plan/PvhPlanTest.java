package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.image.BootKernel;
import org.kexec.runtime.image.BuiltInImages;
import org.kexec.runtime.image.DebianKernels;
import org.kexec.runtime.image.ElfImage;
import org.kexec.runtime.image.ElfImages;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.image.PvhKernel;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.purgatory.PurgatoryImage;
import org.kexec.runtime.purgatory.PurgatoryTable;
import org.kexec.runtime.rules.EntryRules;
import org.kexec.runtime.rules.KernelRules;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PurgatorySpec;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterSymbol;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.spec.Target;

/** PVH boots: the vmlinux's segments at their physical addresses, the start-info block, the purgatory's PVH exit. */
class PvhPlanTest {

    private static final MemoryMap QEMU_1G = MemoryProfiles.load("qemu-1g");
    private static final long RSDP = 0xf5a10;

    private static BootSpec pvhBoot(int initrds) {
        return TestBoots.withEntry(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, initrds), KernelEntry.PVH,
                LoadMode.KEXEC_LOAD, Target.LINUX);
    }

    /** The running kernel's boot_params, as far as a PVH plan reads it: acpi_rsdp_addr. */
    private static Optional<byte[]> runningBootParams() {
        return Optional.of(ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN).putLong(0x070, RSDP).array());
    }

    private static KexecPlan plan(BootSpec spec, BootKernel kernel, int... initrdSizes) throws PlanException {
        List<NamedBytes> initrds = new java.util.ArrayList<>();
        for (int i = 0; i < initrdSizes.length; i++) {
            initrds.add(NamedBytes.of("initrd" + i, new byte[initrdSizes[i]]));
        }
        return SegmentPlanner.plan(new PlanInputs(spec, kernel, initrds, "console=ttyS0", QEMU_1G, PurgatoryImage.bundled(),
                runningBootParams(), CrashSources.none()));
    }

    private static byte[] probeElf() {
        return BuiltInImages.read("kboot:probe-pvh").orElseThrow();
    }

    private static String layout(KexecPlan plan) {
        StringBuilder text = new StringBuilder();
        for (Segment segment : plan.segments()) {
            text.append(String.format("%s %x+%x (%x)%n", segment.role(), segment.mem(), segment.memsz(), segment.bufsz()));
        }
        return text.toString();
    }

    @Test
    void placesTheProbesSegmentAtItsAddressAndBuildsTheStartInfoBlock() throws Exception {
        BootKernel kernel = KernelRules.acceptFile("probe.elf", probeElf(), KernelEntry.PVH).kernel();
        KexecPlan plan = plan(pvhBoot(2), kernel, 0x1800, 0x2345);
        ElfImage.Segment load = ((PvhKernel) kernel).vmlinux().loadSegments().get(0);
        long purgatory = plan.entry() - PurgatoryImage.bundled().entryOffset();
        assertEquals("""
                kernel PT_LOAD 0 1000000+%x (%x)
                start_info 3ffd2000+1000 (%x)
                initrd i0 3ffd3000+2000 (1800)
                initrd i1 3ffd5000+3000 (2345)
                purgatory %x+%x (%x)
                """.formatted(load.memsz(), load.filesz(), 0x40 + 32 + 8 * 24 + "console=ttyS0".length() + 1,
                purgatory, (PurgatoryImage.bundled().memsz() + 4095) & -4096L, PurgatoryImage.bundled().blob().length),
                layout(plan));
        assertEquals(0x1000000L, plan.registers().get(Register.RIP), "the note's PVH entry");
        assertEquals(0x3ffd2000L, plan.registers().get(Register.RBX), "start_info");
        assertEquals(0L, plan.registers().get(Register.RSI));
        assertEquals(List.of(
                "magic=0x336ec578 version=1 flags=0x0 rsdp=0xf5a10 cmdline_paddr=0x3ffd2120 modules=0x3ffd3000+0x4345",
                "memmap=0x0+0x1000:2 0x1000+0x9ec00:1 0x9fc00+0x400:2 0xf0000+0x10000:2 0x100000+0x3fee0000:1"
                        + " 0x3ffe0000+0x20000:2 0xfffc0000+0x40000:2 0xfd00000000+0x300000000:2"),
                org.kexec.runtime.image.StartInfo.describe(plan.segments().get(1).bytes()));
        byte[] table = java.util.Arrays.copyOfRange(plan.segments().get(4).bytes(), PurgatoryTable.OFFSET, PurgatoryTable.OFFSET
                + PurgatoryTable.SIZE);
        assertEquals(PurgatoryTable.FLAG_PVH, ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN).getInt(PurgatoryTable.FLAGS));
        assertEquals(List.of(
                "start_info magic=0x336ec578 version=1 flags=0x0 rsdp=0xf5a10 cmdline_paddr=0x3ffd2120 modules=0x3ffd3000+0x4345",
                "start_info memmap=0x0+0x1000:2 0x1000+0x9ec00:1 0x9fc00+0x400:2 0xf0000+0x10000:2 0x100000+0x3fee0000:1"
                        + " 0x3ffe0000+0x20000:2 0xfffc0000+0x40000:2 0xfd00000000+0x300000000:2"),
                PlanReport.table("b", plan).stream().filter(line -> line.startsWith("start_info ")).toList());
    }

    @Test
    void placesDebiansVmlinuxWhereItsProgramHeadersSay() throws Exception {
        byte[] bzImage = Files.readAllBytes(DebianKernels.fetch("unsigned").path());
        PvhKernel kernel = (PvhKernel) KernelRules.acceptFile("vmlinuz", bzImage, KernelEntry.PVH).kernel();
        KexecPlan plan = plan(pvhBoot(1), kernel, 0x10ba87);
        StringBuilder expected = new StringBuilder();
        List<ElfImage.Segment> loads = kernel.vmlinux().loadSegments();
        for (int i = 0; i < loads.size(); i++) {
            ElfImage.Segment load = loads.get(i);
            assertEquals(0, load.paddr() % 4096, "Debian's PT_LOADs start on pages");
            expected.append(String.format("kernel PT_LOAD %d %x+%x (%x)%n", i, load.paddr(),
                    (load.memsz() + 4095) & -4096L, load.filesz()));
        }
        assertEquals(4, loads.size());
        assertEquals(0x1000000L, loads.get(0).paddr());
        assertEquals(0x1000850L, kernel.entry(), "Debian 12's XEN_ELFNOTE_PHYS32_ENTRY (formats.md)");
        assertEquals(2047L, kernel.cmdlineSize(), "the bzImage's cmdline_size");
        assertEquals(expected + """
                start_info 3fecb000+1000 (%x)
                initrd i0 3fecc000+10c000 (10ba87)
                """.formatted(0x40 + 32 + 8 * 24 + "console=ttyS0".length() + 1), layout(plan).replaceAll("purgatory .*\\n", ""));
        assertEquals(0x1000850L, plan.registers().get(Register.RIP));
    }

    @Test
    void refusesSegmentsOutsideTheRamTheLoadMayUse() throws Exception {
        ByteBuffer huge = ByteBuffer.wrap(ElfImages.vmlinux()).order(ByteOrder.LITTLE_ENDIAN);
        ElfImages.programHeader(huge, 1, ElfImage.PT_LOAD, 6, 0x2000, 0xffffffff81002000L, 0x1002000L, 0x1000, 1L << 40);
        BootKernel kernel = KernelRules.acceptFile("vmlinux", huge.array(), KernelEntry.PVH).kernel();
        assertEquals("EADDRNOTAVAIL (the load): the kernel's PT_LOAD 1 at 0x1002000 + 0x10000000000 is not in free RAM this"
                + " load may use", assertThrows(PlanException.class, () -> plan(pvhBoot(0), kernel)).violation().describe());
        BootSpec crash = TestBoots.withEntry(TestBoots.boot(Target.LINUX, BootKind.CRASH, 0), KernelEntry.PVH,
                LoadMode.KEXEC_LOAD, Target.LINUX);
        BootKernel probe = KernelRules.acceptFile("probe.elf", probeElf(), KernelEntry.PVH).kernel();
        long memsz = (((PvhKernel) probe).vmlinux().loadSegments().get(0).memsz() + 4095) & -4096L;
        assertEquals("EADDRNOTAVAIL (the load): the kernel's PT_LOAD 0 at 0x1000000 + 0x" + Long.toHexString(memsz) + " is not in"
                + " free RAM this load may use", assertThrows(PlanException.class, () -> plan(crash, probe)).violation().describe(),
                "a crash kernel must run in the crash region, where the probe's 16 MiB is not");
    }

    @Test
    void refusesAKernelWithoutThePvhNote() {
        byte[] elf = probeElf();
        int note = indexOf(elf, new byte[] {4, 0, 0, 0, 4, 0, 0, 0, 18, 0, 0, 0, 'X', 'e', 'n', 0});
        elf[note + 8] = 17;
        assertEquals("kboot refuses the load: probe.elf has no PVH entry: none of its ELF notes is Xen's"
                + " XEN_ELFNOTE_PHYS32_ENTRY (18), which kernels built with CONFIG_PVH=y carry. Remove 'entry pvh' to boot it"
                + " through the 64-bit boot protocol.", refusal(() -> KernelRules.acceptFile("probe.elf", elf, KernelEntry.PVH)));
    }

    @Test
    void refusesAVmlinuxWithoutEntryPvhAndABzImageWithoutAPayload() {
        assertEquals("ENOEXEC (the load): probe.elf is an ELF vmlinux, which has no 64-bit boot protocol entry: write"
                + " 'entry pvh' in the boot to enter it through its PVH entry, or load the bzImage (vmlinuz).",
                refusal(() -> KernelRules.acceptFile("probe.elf", probeElf(), KernelEntry.BOOT_PROTOCOL)));
        byte[] probe = BuiltInImages.read("kboot:probe").orElseThrow();
        assertEquals("ENOEXEC (the load): probe's payload, the vmlinux a PVH boot enters, cannot be read: payload_offset/"
                + "payload_length: the payload (0 bytes at file offset 0x400) is not inside the file's " + probe.length + " bytes",
                refusal(() -> KernelRules.acceptFile("probe", probe, KernelEntry.PVH)));
    }

    @Test
    void refusesPvhThroughKexecFileLoadAndXenAndAFixedKernelAddress() {
        assertEquals(Optional.of("kboot refuses the load: entry pvh needs load kexec_load: the kernel's kexec_file_load enters"
                + " kernels only through the 64-bit boot protocol."), EntryRules.check(TestBoots.withEntry(pvhBoot(0),
                KernelEntry.PVH, LoadMode.KEXEC_FILE_LOAD, Target.LINUX)).map(Violation::describe));
        assertEquals(Optional.of("kboot refuses the load: entry pvh is for Linux hosts: kboot boots kernels from Xen through"
                + " the 64-bit boot protocol. Remove 'entry pvh', or write target linux."), EntryRules.check(TestBoots.withEntry(
                pvhBoot(0), KernelEntry.PVH, LoadMode.KEXEC_LOAD, Target.XEN)).map(Violation::describe));
        assertEquals(Optional.empty(), EntryRules.check(TestBoots.withEntry(pvhBoot(0), KernelEntry.PVH, LoadMode.AUTO,
                Target.LINUX)));
        assertEquals(false, LoadPaths.fileLoad(TestBoots.withEntry(pvhBoot(0), KernelEntry.PVH, LoadMode.AUTO, Target.LINUX),
                Target.LINUX), "auto goes straight to kexec_load");
        assertEquals("kboot refuses the load: vmlinux boots through its PVH entry, so its segments go to the physical addresses"
                + " its ELF program headers give: remove 'kernel at 0x2000000'.", refusal(() -> KernelRules.checkPlacement(
                "vmlinux", KernelRules.acceptFile("probe.elf", probeElf(), KernelEntry.PVH).kernel(),
                java.util.OptionalLong.of(0x2000000))));
    }

    @Test
    void refusesRegistersThePvhEntryCannotReceive() throws Exception {
        BootKernel kernel = KernelRules.acceptFile("probe.elf", probeElf(), KernelEntry.PVH).kernel();
        assertEquals("kboot refuses the load: rsi = boot_params names nothing a boot through entry pvh has: use"
                + " [cmdline_address, initrd_address, kernel_entry, purgatory_stack, start_info]",
                planRefusal(kernel, Register.RSI, new RegisterValue.Symbol(RegisterSymbol.BOOT_PARAMS)));
        assertEquals("kboot refuses the load: rdi = 0x100000000 does not fit the 32-bit register a PVH entry receives: use a"
                + " value below 4 GiB", planRefusal(kernel, Register.RDI, new RegisterValue.Literal(1L << 32)));
        assertEquals("kboot refuses the load: r9 = 0x5: a PVH entry runs in 32-bit mode, which has no r9: remove it",
                planRefusal(kernel, Register.R9, new RegisterValue.Literal(5)));
        assertEquals("kboot refuses the load: rsp = 0x8000: a PVH entry gets the purgatory's stack in esp: use rsp ="
                + " purgatory_stack", planRefusal(kernel, Register.RSP, new RegisterValue.Literal(0x8000)));
    }

    private static String planRefusal(BootKernel kernel, Register register, RegisterValue value) {
        BootSpec pvh = pvhBoot(0);
        Map<Register, RegisterValue> registers = new EnumMap<>(pvh.purgatory().registers());
        registers.put(register, value);
        BootSpec spec = new BootSpec(pvh.name(), pvh.target(), false, pvh.loadMode(), pvh.kind(), pvh.entry(), pvh.kernel(),
                pvh.initrds(), pvh.cmdline(), pvh.crash(), new PurgatorySpec(pvh.purgatory().hash(), Optional.empty(), registers),
                pvh.placement());
        return assertThrows(PlanException.class, () -> plan(spec, kernel)).violation().describe();
    }

    private interface Refused {
        void run() throws ViolationException;
    }

    private static String refusal(Refused call) {
        return assertThrows(ViolationException.class, call::run).violation().describe();
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
