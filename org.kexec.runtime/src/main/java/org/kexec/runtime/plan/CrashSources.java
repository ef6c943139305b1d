package org.kexec.runtime.plan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the running kernel tells a crash loader through sysfs: the per-CPU note buffers it fills on panic
 * ({@code /sys/devices/system/cpu/cpuN/crash_notes}) and its vmcoreinfo note ({@code /sys/kernel/vmcoreinfo},
 * "address size" in hex). Dry runs have none of it; the core header then carries no notes.
 *
 * @param cpuNotes   {@code [address, size]} per CPU, in CPU order
 * @param vmcoreinfo {@code [address, size]} of the vmcoreinfo note, if known
 * @param kernelText {@code [virtual address, physical address, size]} of the kernel's text mapping, if known
 */
public record CrashSources(List<long[]> cpuNotes, Optional<long[]> vmcoreinfo, Optional<long[]> kernelText) {

    /** __START_KERNEL_map: the kernel text mapping starts here on x86-64. */
    static final long START_KERNEL_MAP = 0xffffffff80000000L;
    /** The text mapping is at most 1 GiB (KERNEL_IMAGE_SIZE); modules follow it. */
    static final long KERNEL_MAP_END = 0xffffffffc0000000L;

    /** The default size of a CPU's note buffer when crash_notes_size is absent (older kernels). */
    static final long DEFAULT_NOTE_SIZE = 1024;

    public static CrashSources none() {
        return new CrashSources(List.of(), Optional.empty(), Optional.empty());
    }

    /** Reads the running host's sysfs and /proc/kcore (as root). */
    public static CrashSources readHost() throws IOException {
        return read(Path.of("/sys"), Path.of("/proc/kcore"));
    }

    /** Reads a sysfs tree rooted at {@code sys} and a kcore file (recorded copies in tests). */
    public static CrashSources read(Path sys, Path kcore) throws IOException {
        List<long[]> notes = new ArrayList<>();
        for (int cpu = 0; Files.isDirectory(sys.resolve("devices/system/cpu/cpu" + cpu)); cpu++) {
            Path folder = sys.resolve("devices/system/cpu/cpu" + cpu);
            if (!Files.exists(folder.resolve("crash_notes"))) {
                continue;
            }
            long address = hex(folder.resolve("crash_notes"), text(folder.resolve("crash_notes")));
            Path sizeFile = folder.resolve("crash_notes_size");
            long size = Files.exists(sizeFile) ? decimal(sizeFile, text(sizeFile)) : DEFAULT_NOTE_SIZE;
            notes.add(new long[] {address, size});
        }
        Path vmcoreinfo = sys.resolve("kernel/vmcoreinfo");
        Optional<long[]> info = Optional.empty();
        if (Files.exists(vmcoreinfo)) {
            // "%pa %x": the address with 0x and 16 digits, the size in hex without 0x.
            String[] fields = text(vmcoreinfo).split("\\s+");
            if (fields.length != 2) {
                throw new IOException(vmcoreinfo + " holds '" + text(vmcoreinfo) + "', not an address and a size");
            }
            info = Optional.of(new long[] {hex(vmcoreinfo, fields[0]), hex(vmcoreinfo, fields[1])});
        }
        return new CrashSources(notes, info, Files.exists(kcore) ? kernelText(kcore) : Optional.empty());
    }

    /**
     * The PT_LOAD of /proc/kcore that maps the kernel text (its vaddr in [__START_KERNEL_map, +1 GiB)), as
     * kexec-tools' get_kernel_vaddr_and_size finds it: with KASLR only kcore knows where the text landed.
     */
    static Optional<long[]> kernelText(Path kcore) throws IOException {
        try (FileChannel file = FileChannel.open(kcore)) {
            ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            file.read(header, 0);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 2) {
                throw new IOException(kcore + " is not an ELF64 core file");
            }
            long phoff = header.getLong(32);
            int phentsize = Short.toUnsignedInt(header.getShort(54));
            int phnum = Short.toUnsignedInt(header.getShort(56));
            ByteBuffer phdrs = ByteBuffer.allocate(phentsize * phnum).order(ByteOrder.LITTLE_ENDIAN);
            file.read(phdrs, phoff);
            for (int i = 0; i < phnum; i++) {
                int at = i * phentsize;
                long vaddr = phdrs.getLong(at + 16);
                if (phdrs.getInt(at) == 1 && Long.compareUnsigned(vaddr, START_KERNEL_MAP) >= 0
                        && Long.compareUnsigned(vaddr, KERNEL_MAP_END) < 0) {
                    return Optional.of(new long[] {vaddr, phdrs.getLong(at + 24), phdrs.getLong(at + 40)});
                }
            }
            return Optional.empty();
        }
    }

    /** A hex number as sysfs prints it, with or without 0x. */
    private static long hex(Path file, String text) throws IOException {
        try {
            return Long.parseUnsignedLong(text.startsWith("0x") ? text.substring(2) : text, 16);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds '" + text + "', not a hex number");
        }
    }

    private static long decimal(Path file, String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds '" + text + "', not a number");
        }
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
}
