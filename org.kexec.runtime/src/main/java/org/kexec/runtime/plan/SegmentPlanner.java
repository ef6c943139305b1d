package org.kexec.runtime.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.kexec.runtime.image.BootParams;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.E820Entry;
import org.kexec.runtime.image.ElfImage;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.image.PvhKernel;
import org.kexec.runtime.image.SetupHeader;
import org.kexec.runtime.image.StartInfo;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.memory.MemoryType;
import org.kexec.runtime.purgatory.PurgatoryTable;
import org.kexec.runtime.rules.CommandLineRules;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.rules.KexecLimits;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CrashSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.PlacementPolicy;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterSymbol;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.units.Sizes;

/**
 * Places the segments of a kexec_load (or Xen) load, the job kexec-tools' bzImage64 loader does in C, then checks
 * the result with {@link SegmentRules}.
 *
 * <p>Order and constraints follow kexec-tools (kexec/arch/x86_64/kexec-bzImage64.c) and the kernel's own loader
 * (arch/x86/kernel/kexec-bzimage64.c): the purgatory, then boot_params with the command line, then the kernel
 * (aligned to kernel_alignment, at or above max(pref_address, 1 MiB), below 4 GiB unless it may load above), then
 * the initrds (contiguous, at or above 16 MiB, ending at or below initrd_addr_max), each top-down by default.
 * Crash loads first place the ELF core header and the backup copy, all inside the crash region. Where kboot
 * differs from kexec-tools: no 48-byte segment at 1 MiB (kboot's purgatory needs nothing there), and initrds are
 * separate, adjacent segments rather than one concatenated buffer, so each is hashed and named on its own.
 */
public final class SegmentPlanner {

    static final long MIN_KERNEL_ADDRESS = 0x100000;
    static final long MIN_INITRD_ADDRESS = 0x1000000;
    static final long FOUR_GIB = 1L << 32;
    /** What Linux's PVH entry maps before it reads the start-info block's tables (level2_ident_pgt: 1 GiB). */
    static final long PVH_MAPPED_LIMIT = 1L << 30;

    private SegmentPlanner() {
    }

    public static KexecPlan plan(PlanInputs in) throws PlanException {
        return place(in).hashed();
    }

    /**
     * Applies every rule {@link #plan} applies, without hashing the segments for the purgatory: the verdict check gives
     * at compile time, where a digest of every boot's images at every edit would be work for nothing.
     */
    public static void check(PlanInputs in) throws PlanException {
        place(in);
    }

    private static Placed place(PlanInputs in) throws PlanException {
        return in.kernel() instanceof PvhKernel pvh ? planPvh(in, pvh) : planBootProtocol(in, (BzImage) in.kernel());
    }

    /** A plan's segments placed and checked against every rule, before they are hashed for the purgatory. */
    private record Placed(PlanInputs in, List<Segment> segments, long entry, long flags, Map<Register, Long> registers,
                          String cmdline) {

        KexecPlan hashed() {
            KexecPlan.PlanDigest digest = PlanDigests.compute(in.spec().purgatory().hash(), segments);
            return new KexecPlan(in.spec().target(), in.spec().kind(), withTable(segments, in, digest, registers), entry, flags,
                    registers, cmdline, digest);
        }
    }

    /** A bzImage entered through the 64-bit boot protocol. */
    private static Placed planBootProtocol(PlanInputs in, BzImage bzImage) throws PlanException {
        BootSpec spec = in.spec();
        SetupHeader header = bzImage.header();
        boolean crash = spec.kind() == BootKind.CRASH;
        boolean topDown = spec.placement().policy() == PlacementPolicy.TOP_DOWN;
        long limit = spec.placement().limit().orElse(SegmentRules.DESTINATION_LIMIT);
        List<Segment> segments = new ArrayList<>();
        List<String> initrdNames = in.initrdNames();
        Optional<Violation> count = SegmentBudget.check(spec.target(), SegmentBudget.segments(spec.target(), spec.kind(), spec.entry(),
                initrdNames.stream().map(SegmentPlanner::simpleName).toList(),
                spec.crash().flatMap(CrashSpec::backup).isPresent(), List.of()));
        if (count.isPresent()) {
            throw new PlanException(count.get(), segments);
        }
        Optional<Violation> commandLine = CommandLineRules.check(in.cmdline(), Optional.of(spec.kernel().path()),
                OptionalLong.of(header.cmdlineSize()), crash);
        if (commandLine.isPresent()) {
            throw new PlanException(commandLine.get(), segments);
        }
        FreeMemory free = freeMemory(in.memory(), crash, segments);

        long kernelSize = SegmentSizes.kernel(header, bzImage.length());
        long initrdsSize = in.initrds().stream().mapToLong(i -> SegmentSizes.initrd(i.size())).sum();
        OptionalLong fixedKernel = spec.placement().addressOf(spec.kernel().name());
        if (fixedKernel.isPresent()) {
            if (!Sizes.isAligned(fixedKernel.getAsLong(), header.kernelAlignment())) {
                throw new PlanException(new Violation(Rule.KERNEL_PLACEMENT, null, -1, "the kernel asks for "
                        + Sizes.hex(header.kernelAlignment()) + " alignment (kernel_alignment), and its fixed address "
                        + Sizes.hex(fixedKernel.getAsLong()) + " is not aligned: use "
                        + Sizes.hex(Sizes.alignUp(fixedKernel.getAsLong(), header.kernelAlignment()))), segments);
            }
            reserve(free, "the kernel", fixedKernel.getAsLong(), kernelSize, segments);
        }
        OptionalLong fixedInitrds = fixedInitrdBlock(spec, initrdNames, in.initrds(), segments);
        if (fixedInitrds.isPresent()) {
            long last = fixedInitrds.getAsLong() + in.initrds().stream().mapToLong(NamedBytes::size).sum() - 1;
            if (Long.compareUnsigned(last, header.initrdAddrMax()) > 0) {
                throw new PlanException(new Violation(Rule.INITRD_ABOVE_LIMIT, null, -1, "the initrds placed at "
                        + Sizes.hex(fixedInitrds.getAsLong()) + " would end at " + Sizes.hex(last) + ", above the kernel's"
                        + " initrd_addr_max " + Sizes.hex(header.initrdAddrMax()) + ": place them lower"), segments);
            }
            reserve(free, "the initrds", fixedInitrds.getAsLong(), initrdsSize, segments);
        }

        long page = KexecLimits.PAGE_SIZE;
        long purgatory = placePurgatory(in, free, limit, topDown, segments);

        String cmdline = in.cmdline();
        List<E820Entry> e820 = e820(in.memory());
        if (crash) {
            CrashSpec settings = spec.crash().orElseThrow();
            CrashSpec.BackupRegion backup = settings.backup().orElse(null);
            long backupCopy = 0;
            byte[] backupZeros = new byte[0];
            if (backup != null) {
                backupCopy = allocate(free, "backup", Sizes.alignUp(backup.size(), page), page, 0, limit, topDown, segments);
            }
            long headerSize = Math.max(ElfCoreHeader.MIN_SEGMENT_SIZE,
                    Sizes.alignUp(ElfCoreHeader.size(in.memory(), in.crash(), backup), page));
            long elfcorehdr = allocate(free, "elfcorehdr", headerSize, page, 0, limit, topDown, segments);
            segments.add(Segment.of("elfcorehdr", "built", ElfCoreHeader.build(in.memory(), in.crash(), backup, backupCopy),
                    elfcorehdr, headerSize));
            if (backup != null) {
                segments.add(Segment.of("backup", "zero (purgatory copies " + Sizes.hex(backup.source()) + "+"
                        + Sizes.hex(backup.size()) + " here)", backupZeros, backupCopy, Sizes.alignUp(backup.size(), page)));
            }
            cmdline = (cmdline.isEmpty() ? "" : cmdline + " ") + "elfcorehdr=" + Sizes.hex(elfcorehdr);
            e820 = crashE820(in.memory(), elfcorehdr, headerSize);
        }

        checkE820(e820, segments);
        long paramsSize = Sizes.alignUp(BootParams.build(bzImage, cmdline, e820, new long[2], 0, in.template()).bytes().length, page);
        long params = allocate(free, "boot_params", paramsSize, page, 0x3000, limit, topDown, segments);

        long kernelMax = (header.xloadflags() & SetupHeader.XLF_CAN_BE_LOADED_ABOVE_4G) != 0 ? limit : Math.min(limit, FOUR_GIB);
        long kernel = fixedKernel.isPresent() ? fixedKernel.getAsLong()
                : allocate(free, "kernel", kernelSize, Math.max(header.kernelAlignment(), page),
                        Math.max(header.prefAddress(), MIN_KERNEL_ADDRESS), kernelMax, topDown, segments);
        segments.add(Segment.of("kernel", spec.kernel().path(), bzImage.protectedModeKernel(), kernel, kernelSize));

        long[] ramdisk = new long[2];
        if (!in.initrds().isEmpty()) {
            long initrdMax = Math.min(limit, header.initrdAddrMax() + 1);
            long address = fixedInitrds.isPresent() ? fixedInitrds.getAsLong()
                    : allocate(free, "initrd", initrdsSize, page, crash ? 0 : MIN_INITRD_ADDRESS, initrdMax, topDown, segments);
            ramdisk = placeInitrds(in, initrdNames, address, segments);
        }

        BootParams.Built built = BootParams.build(bzImage, cmdline, e820, ramdisk, params, in.template());
        segments.add(Segment.of("boot_params", "built", built.bytes(), params, paramsSize));
        Map<RegisterSymbol, Long> symbols = new EnumMap<>(RegisterSymbol.class);
        symbols.put(RegisterSymbol.BOOT_PARAMS, params);
        symbols.put(RegisterSymbol.KERNEL_ENTRY, kernel + SetupHeader.ENTRY_64_OFFSET);
        symbols.put(RegisterSymbol.CMDLINE_ADDRESS, built.cmdlineAddress());
        symbols.put(RegisterSymbol.INITRD_ADDRESS, ramdisk[0]);
        return finish(in, segments, purgatory, symbols, cmdline);
    }

    /**
     * A vmlinux entered through its PVH entry: each PT_LOAD at its physical address (on whole pages), the purgatory below
     * 4 GiB (it leaves long mode from there), the start-info block with the memory map and command line below 1 GiB
     * (Linux's PVH entry reads them through its first page tables, which map 1 GiB), the initrds as one module.
     */
    private static Placed planPvh(PlanInputs in, PvhKernel kernel) throws PlanException {
        BootSpec spec = in.spec();
        boolean crash = spec.kind() == BootKind.CRASH;
        boolean topDown = spec.placement().policy() == PlacementPolicy.TOP_DOWN;
        long limit = spec.placement().limit().orElse(SegmentRules.DESTINATION_LIMIT);
        long page = KexecLimits.PAGE_SIZE;
        List<Segment> segments = new ArrayList<>();
        Optional<Violation> commandLine = CommandLineRules.check(in.cmdline(), Optional.of(spec.kernel().path()),
                OptionalLong.of(kernel.cmdlineSize()), crash);
        if (commandLine.isPresent()) {
            throw new PlanException(commandLine.get(), segments);
        }
        FreeMemory free = freeMemory(in.memory(), crash, segments);
        List<ElfImage.Segment> loads = kernel.vmlinux().loadSegments();
        for (int i = 0; i < loads.size(); i++) {
            ElfImage.Segment load = loads.get(i);
            long mem = load.paddr() & -page;
            long memsz = Sizes.alignUp(load.paddr() + load.memsz(), page) - mem;
            reserve(free, "the kernel's PT_LOAD " + i, mem, memsz, segments);
            segments.add(Segment.of("kernel PT_LOAD " + i, spec.kernel().path(), kernel.segmentBytes(load, mem), mem, memsz));
        }
        long purgatory = placePurgatory(in, free, Math.min(limit, FOUR_GIB), topDown, segments);

        long[] ramdisk = new long[2];
        List<String> initrdNames = in.initrdNames();
        if (!in.initrds().isEmpty()) {
            long initrdsSize = in.initrds().stream().mapToLong(i -> SegmentSizes.initrd(i.size())).sum();
            long address = allocate(free, "initrd", initrdsSize, page, MIN_INITRD_ADDRESS, limit, topDown, segments);
            ramdisk = placeInitrds(in, initrdNames, address, segments);
        }

        List<E820Entry> e820 = e820(in.memory());
        checkE820(e820, segments);
        long rsdp = StartInfo.rsdp(in.template());
        long infoSize = Sizes.alignUp(StartInfo.build(in.cmdline(), e820, ramdisk, rsdp, 0).bytes().length, page);
        long info = allocate(free, "start_info", infoSize, page, 0x3000, Math.min(limit, PVH_MAPPED_LIMIT), topDown, segments);
        StartInfo.Built built = StartInfo.build(in.cmdline(), e820, ramdisk, rsdp, info);
        segments.add(Segment.of("start_info", "built", built.bytes(), info, infoSize));
        Map<RegisterSymbol, Long> symbols = new EnumMap<>(RegisterSymbol.class);
        symbols.put(RegisterSymbol.START_INFO, info);
        symbols.put(RegisterSymbol.KERNEL_ENTRY, kernel.entry());
        symbols.put(RegisterSymbol.CMDLINE_ADDRESS, built.cmdlineAddress());
        symbols.put(RegisterSymbol.INITRD_ADDRESS, ramdisk[0]);
        return finish(in, segments, purgatory, symbols, in.cmdline());
    }

    /**
     * The initrds as adjacent segments from {@code address}, in load order: the kernel takes them as one ramdisk.
     *
     * @return {@code [address, size]} of that ramdisk, from the first initrd's first byte to the last one's last
     */
    private static long[] placeInitrds(PlanInputs in, List<String> initrdNames, long address, List<Segment> segments) {
        long[] ramdisk = {address, 0};
        for (int i = 0; i < in.initrds().size(); i++) {
            NamedBytes initrd = in.initrds().get(i);
            long size = SegmentSizes.initrd(initrd.size());
            segments.add(new Segment("initrd " + simpleName(initrdNames.get(i)), initrd.name(), initrd.contents(), address, size));
            ramdisk[1] = address + initrd.size() - ramdisk[0];
            address += size;
        }
        return ramdisk;
    }

    /** The purgatory's segment, below {@code max}. */
    private static long placePurgatory(PlanInputs in, FreeMemory free, long max, boolean topDown, List<Segment> segments)
            throws PlanException {
        long page = KexecLimits.PAGE_SIZE;
        long size = Sizes.alignUp(in.purgatory().memsz(), page);
        long purgatory = allocate(free, Segment.PURGATORY, size, page, 0x3000, max, topDown, segments);
        segments.add(Segment.of(Segment.PURGATORY, "kboot purgatory", in.purgatory().blob(), purgatory, size));
        return purgatory;
    }

    private static void checkE820(List<E820Entry> e820, List<Segment> segments) throws PlanException {
        if (e820.size() > KexecLimits.E820_MAX_ENTRIES) {
            throw new PlanException(new Violation(Rule.E820_TOO_MANY, null, -1, "the memory map has " + e820.size() + " e820 entries, but the"
                    + " kernel keeps at most " + KexecLimits.E820_MAX_ENTRIES + " and ignores the rest, losing their memory:"
                    + " merge adjacent ranges of one type in the map"), segments);
        }
    }

    /**
     * The plan from its placed segments, up to its digest: Xen's fillers, the registers from what the plan placed, the
     * segment rules.
     *
     * @param symbols the addresses the register symbols of this boot's entry name
     */
    private static Placed finish(PlanInputs in, List<Segment> segments, long purgatory, Map<RegisterSymbol, Long> symbols,
                                 String cmdline) throws PlanException {
        BootSpec spec = in.spec();
        if (spec.target() == Target.XEN) {
            segments.addAll(xenFillers(segments));
        }
        segments.sort(Comparator.comparingLong(Segment::mem));

        long entry = purgatory + in.purgatory().entryOffset();
        symbols.put(RegisterSymbol.PURGATORY_STACK, purgatory + in.purgatory().stackTopOffset());
        Map<Register, Long> registers = registers(spec, symbols, segments);
        Optional<Violation> violation = SegmentRules.check(spec.target(), spec.kind(), segments, entry, in.memory());
        if (violation.isPresent()) {
            throw new PlanException(violation.get(), segments);
        }
        long flags = KexecPlan.KEXEC_ARCH_X86_64 | (spec.kind() == BootKind.CRASH ? KexecPlan.KEXEC_ON_CRASH : 0);
        return new Placed(in, segments, entry, flags, registers, cmdline);
    }

    /** {@code initramfs} of {@code fleet.debian.initramfs}: segment roles stay short in tables. */
    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /**
     * Where the initrd block starts when the spec fixes an initrd's address: the kernel receives one ramdisk range,
     * so the initrds stay adjacent and every fixed address must agree with that.
     */
    private static OptionalLong fixedInitrdBlock(BootSpec spec, List<String> names, List<NamedBytes> initrds,
                                                 List<Segment> segments) throws PlanException {
        OptionalLong start = OptionalLong.empty();
        long offset = 0;
        for (int i = 0; i < initrds.size(); i++) {
            OptionalLong fixed = spec.placement().addressOf(names.get(i));
            if (fixed.isPresent()) {
                long blockStart = fixed.getAsLong() - offset;
                if (start.isPresent() && start.getAsLong() != blockStart) {
                    throw new PlanException(new Violation(Rule.INITRD_GAP, null, -1, "the fixed addresses of the initrds leave gaps between"
                            + " them, but the kernel takes one contiguous ramdisk: fix one initrd's address only"), segments);
                }
                start = OptionalLong.of(blockStart);
            }
            offset += SegmentSizes.initrd(initrds.get(i).size());
        }
        return start;
    }

    /**
     * The segments with the purgatory's table filled in: digest, regions, registers, backup, console. The purgatory
     * is not part of the digest, so filling it last changes nothing the table describes.
     */
    private static List<Segment> withTable(List<Segment> segments, PlanInputs in, KexecPlan.PlanDigest digest,
                                           Map<Register, Long> registers) {
        Optional<long[]> backup = Optional.empty();
        for (Segment segment : segments) {
            if (segment.role().equals("backup")) {
                CrashSpec.BackupRegion region = in.spec().crash().orElseThrow().backup().orElseThrow();
                backup = Optional.of(new long[] {region.source(), segment.mem(), region.size()});
            }
        }
        PurgatoryTable table = new PurgatoryTable(digest.algorithm(), digest.value(), digest.regions(), registers, backup,
                in.spec().purgatory().console(), in.spec().entry() == KernelEntry.PVH);
        List<Segment> filled = new ArrayList<>();
        for (Segment segment : segments) {
            filled.add(segment.purgatory()
                    ? Segment.of(segment.role(), segment.source(), table.writeInto(segment.bytes()), segment.mem(), segment.memsz())
                    : segment);
        }
        return filled;
    }

    /** RAM a load may use: the crash region for crash loads, all RAM from 1 MiB up otherwise. */
    private static FreeMemory freeMemory(MemoryMap memory, boolean crash, List<Segment> segments) throws PlanException {
        FreeMemory free = new FreeMemory();
        if (crash) {
            Optional<Violation> unreserved = SegmentRules.crashRegionReserved(memory);
            if (unreserved.isPresent()) {
                throw new PlanException(unreserved.get(), segments);
            }
            MemoryRange region = memory.crashRegion().orElseThrow();
            free.add(region.first(), region.last() + 1);
            return free;
        }
        for (MemoryRange range : memory.ranges()) {
            if (range.type() == MemoryType.RAM) {
                free.add(Math.max(range.first(), MIN_KERNEL_ADDRESS), range.last() + 1);
            }
        }
        return free;
    }

    private static void reserve(FreeMemory free, String what, long address, long size, List<Segment> segments)
            throws PlanException {
        if (!free.isFree(address, address + size)) {
            throw new PlanException(new Violation(Rule.NO_ROOM, Errno.EADDRNOTAVAIL, -1, what + " at " + Sizes.hex(address) + " + "
                    + Sizes.hex(size) + " is not in free RAM this load may use"), segments);
        }
        free.take(address, address + size);
    }

    private static long allocate(FreeMemory free, String what, long size, long align, long min, long max, boolean topDown,
                                 List<Segment> segments) throws PlanException {
        OptionalLong address = free.allocate(size, align, min, max, topDown);
        if (address.isEmpty()) {
            throw new PlanException(new Violation(Rule.NO_ROOM, Errno.EADDRNOTAVAIL, -1, "no room for the " + what + " ("
                    + Sizes.hex(size) + " bytes, aligned to " + Sizes.hex(align) + ", between " + Sizes.hex(min) + " and "
                    + Sizes.hex(max) + ")"), segments);
        }
        return address.getAsLong();
    }

    /** The map a default boot's kernel gets: every range the firmware reported. */
    private static List<E820Entry> e820(MemoryMap memory) {
        List<E820Entry> entries = new ArrayList<>();
        for (MemoryRange range : memory.ranges()) {
            E820Entry entry = E820Entry.of(range);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * The map a crash kernel gets, as the kernel's own crash loader builds it (arch/x86/kernel/crash.c): the low
     * 1 MiB and the crash region as RAM (less the core header, which it must not overwrite), every ACPI, NVS and
     * reserved range as it was, nothing else of the crashed kernel's RAM.
     */
    private static List<E820Entry> crashE820(MemoryMap memory, long elfcorehdr, long headerSize) {
        List<E820Entry> entries = new ArrayList<>();
        for (MemoryRange range : memory.ranges()) {
            if (range.type() == MemoryType.RAM && range.first() < KexecLimits.LOW_MEMORY_END) {
                long last = Math.min(range.last(), KexecLimits.LOW_MEMORY_END - 1);
                entries.add(new E820Entry(range.first(), last - range.first() + 1, E820Entry.RAM));
            } else if (range.type() != MemoryType.RAM) {
                E820Entry entry = E820Entry.of(range);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        MemoryRange region = memory.crashRegion().orElseThrow();
        if (region.first() < elfcorehdr) {
            entries.add(new E820Entry(region.first(), elfcorehdr - region.first(), E820Entry.RAM));
        }
        entries.add(new E820Entry(elfcorehdr, headerSize, E820Entry.RESERVED));
        if (elfcorehdr + headerSize <= region.last()) {
            entries.add(new E820Entry(elfcorehdr + headerSize, region.last() + 1 - elfcorehdr - headerSize, E820Entry.RAM));
        }
        entries.sort(Comparator.comparingLong(E820Entry::address));
        return entries;
    }

    /** NULL-buffer segments covering what the others leave free of the low 1 MiB, which Xen maps only if covered. */
    private static List<Segment> xenFillers(List<Segment> segments) {
        List<Segment> fillers = new ArrayList<>();
        for (long[] gap : SegmentBudget.lowMemoryGaps(segments.stream().map(s -> new long[] {s.mem(), s.end()}).toList())) {
            fillers.add(new Segment(SegmentBudget.XEN_FILLER, "none", null, gap[0], gap[1] - gap[0]));
        }
        return fillers;
    }

    /**
     * What the purgatory's PVH exit cannot hand over: it enters in 32-bit mode, with esp on its own stack, so a value
     * above 4 GiB, a non-zero r8-r15 or another stack would be lost.
     */
    private static Optional<String> pvhRegisterRefusal(Map<Register, Long> values, long purgatoryStack) {
        for (Map.Entry<Register, Long> register : values.entrySet()) {
            String name = register.getKey().keyword() + " = " + Sizes.hex(register.getValue());
            boolean wide = register.getKey().ordinal() >= Register.R8.ordinal() && register.getKey() != Register.RIP;
            if (wide && register.getValue() != 0) {
                return Optional.of(name + ": a PVH entry runs in 32-bit mode, which has no " + register.getKey().keyword()
                        + ": remove it");
            }
            if (Long.compareUnsigned(register.getValue(), 0xffffffffL) > 0) {
                return Optional.of(name + " does not fit the 32-bit register a PVH entry receives: use a value below 4 GiB");
            }
            if (register.getKey() == Register.RSP && register.getValue() != purgatoryStack) {
                return Optional.of(name + ": a PVH entry gets the purgatory's stack in esp: use rsp = purgatory_stack");
            }
        }
        return Optional.empty();
    }

    /** Each register's value: literals as written, symbols as this plan placed what they name. */
    private static Map<Register, Long> registers(BootSpec spec, Map<RegisterSymbol, Long> symbols, List<Segment> segments)
            throws PlanException {
        Map<Register, Long> values = new EnumMap<>(Register.class);
        for (Map.Entry<Register, RegisterValue> register : spec.purgatory().registers().entrySet()) {
            if (register.getValue() instanceof RegisterValue.Literal literal) {
                values.put(register.getKey(), literal.value());
                continue;
            }
            RegisterSymbol symbol = ((RegisterValue.Symbol) register.getValue()).symbol();
            Long value = symbols.get(symbol);
            if (value == null) {
                throw new PlanException(new Violation(Rule.ENTRY_UNSUPPORTED, null, -1, register.getKey().keyword() + " = "
                        + symbol.keyword() + " names nothing a boot through entry " + spec.entry().keyword() + " has: use "
                        + symbols.keySet().stream().map(RegisterSymbol::keyword).sorted().toList()), segments);
            }
            values.put(register.getKey(), value);
        }
        if (spec.entry() == KernelEntry.PVH) {
            Optional<String> refused = pvhRegisterRefusal(values, symbols.get(RegisterSymbol.PURGATORY_STACK));
            if (refused.isPresent()) {
                throw new PlanException(new Violation(Rule.ENTRY_UNSUPPORTED, null, -1, refused.get()), segments);
            }
        }
        return values;
    }
}
