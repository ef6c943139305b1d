package org.kexec.runtime.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.units.Sizes;

/**
 * The segment a PVH boot's kernel finds through {@code ebx}: {@code struct hvm_start_info} version 1 (Xen's
 * public/arch-x86/hvm/start_info.h), then its module list (the initrds, as one module: Linux takes module 0 as its
 * ramdisk), its memory map and the command line. Little-endian, every address physical.
 *
 * <pre>
 * 0x00 hvm_start_info: magic 0x336ec578, version 1, flags 0, nr_modules, modlist_paddr, cmdline_paddr, rsdp_paddr,
 *      memmap_paddr, memmap_entries, reserved (56 bytes)
 * 0x40 hvm_modlist_entry: paddr, size, cmdline_paddr 0, reserved (32 bytes; none without an initrd)
 *      hvm_memmap_table_entry[]: addr, size, type (E820 values), reserved (24 bytes each)
 *      the command line, NUL-terminated
 * </pre>
 */
public final class StartInfo {

    public static final int MAGIC = 0x336ec578;
    public static final int VERSION = 1;
    static final int HEADER_SIZE = 56;
    static final int MODLIST = 0x40;
    static final int MODULE_SIZE = 32;
    static final int MEMMAP_ENTRY_SIZE = 24;

    /**
     * The built segment.
     *
     * @param bytes          its contents
     * @param cmdlineAddress physical address of the command line inside it
     */
    public record Built(byte[] bytes, long cmdlineAddress) {
    }

    private StartInfo() {
    }

    /**
     * What a start-info segment tells the kernel, in the words of the plan's table and the probe's report: magic,
     * version, RSDP, command line address, modules, and the memory map as {@code addr+size:type} entries.
     */
    public static List<String> describe(byte[] segment) {
        ByteBuffer info = ByteBuffer.wrap(segment).order(ByteOrder.LITTLE_ENDIAN);
        long base = info.getLong(0x28) - MODLIST - (long) info.getInt(0x0c) * MODULE_SIZE;
        StringBuilder memmap = new StringBuilder();
        int memmapAt = (int) (info.getLong(0x28) - base);
        for (int i = 0; i < info.getInt(0x30); i++) {
            int at = memmapAt + i * MEMMAP_ENTRY_SIZE;
            memmap.append(i == 0 ? "" : " ").append(Sizes.hex(info.getLong(at))).append('+').append(Sizes.hex(info.getLong(at + 8)))
                    .append(':').append(info.getInt(at + 16));
        }
        String modules = info.getInt(0x0c) == 0 ? "none" : Sizes.hex(info.getLong(MODLIST)) + "+" + Sizes.hex(info.getLong(MODLIST + 8));
        return List.of("magic=" + Sizes.hex(Integer.toUnsignedLong(info.getInt(0))) + " version=" + info.getInt(4)
                        + " flags=" + Sizes.hex(info.getInt(8)) + " rsdp=" + Sizes.hex(info.getLong(0x20))
                        + " cmdline_paddr=" + Sizes.hex(info.getLong(0x18)) + " modules=" + modules,
                "memmap=" + memmap);
    }

    /** The RSDP address in the running kernel's boot_params, or 0 (then Linux scans the BIOS areas for it). */
    public static long rsdp(Optional<byte[]> runningBootParams) {
        return runningBootParams.filter(params -> params.length >= BootParams.ACPI_RSDP_ADDR + 8)
                .map(params -> ByteBuffer.wrap(params).order(ByteOrder.LITTLE_ENDIAN).getLong(BootParams.ACPI_RSDP_ADDR))
                .orElse(0L);
    }

    /**
     * Lays out the segment for physical address {@code base}.
     *
     * @param ramdisk {@code [address, size]} of the initrds, or zeros for none
     * @param rsdp    the ACPI RSDP's physical address, 0 for unknown
     */
    public static Built build(String cmdline, List<E820Entry> memmap, long[] ramdisk, long rsdp, long base) {
        byte[] command = cmdline.getBytes(StandardCharsets.US_ASCII);
        int modules = ramdisk[1] == 0 ? 0 : 1;
        int memmapAt = MODLIST + modules * MODULE_SIZE;
        int cmdlineAt = memmapAt + memmap.size() * MEMMAP_ENTRY_SIZE;
        ByteBuffer info = ByteBuffer.allocate(cmdlineAt + command.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        info.putInt(0x00, MAGIC);
        info.putInt(0x04, VERSION);
        info.putInt(0x08, 0);
        info.putInt(0x0c, modules);
        info.putLong(0x10, modules == 0 ? 0 : base + MODLIST);
        info.putLong(0x18, base + cmdlineAt);
        info.putLong(0x20, rsdp);
        info.putLong(0x28, base + memmapAt);
        info.putInt(0x30, memmap.size());
        if (modules == 1) {
            info.putLong(MODLIST, ramdisk[0]);
            info.putLong(MODLIST + 8, ramdisk[1]);
        }
        for (int i = 0; i < memmap.size(); i++) {
            E820Entry entry = memmap.get(i);
            int at = memmapAt + i * MEMMAP_ENTRY_SIZE;
            info.putLong(at, entry.address());
            info.putLong(at + 8, entry.size());
            info.putInt(at + 16, entry.type());
        }
        info.put(cmdlineAt, command);
        return new Built(info.array(), base + cmdlineAt);
    }
}
