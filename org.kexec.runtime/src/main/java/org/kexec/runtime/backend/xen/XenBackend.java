package org.kexec.runtime.backend.xen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.nativecode.NativeAccess;
import org.kexec.runtime.backend.SegmentArray;
import org.kexec.runtime.backend.SegmentTable;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.memory.MemoryType;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.rules.KexecLimits;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.units.Sizes;

/**
 * Xen's kexec hypercall (KEXEC_CMD_kexec_load, _unload, _status, _kexec, _get_range) through libxenctrl, from a PV
 * dom0. Xen places nothing itself: kboot plans against the machine memory map Xen reports and the crash region Xen
 * reserved ({@code crashkernel=} on Xen's command line), and Xen copies the segments into machine memory.
 * {@code /sys/kernel/kexec_loaded} stays 0 under Xen; status comes from the hypercall.
 */
public final class XenBackend implements KexecBackend {

    static final int KEXEC_TYPE_DEFAULT = 0;
    static final int KEXEC_TYPE_CRASH = 1;
    static final int KEXEC_RANGE_MA_CRASH = 0;
    static final int KEXEC_RANGE_MA_CPU = 2;
    static final int KEXEC_RANGE_MA_VMCOREINFO = 6;
    static final short EM_X86_64 = 62;
    /** {@code struct e820entry} as Xen's XENMEM_machine_memory_map fills it: packed addr, size, type. */
    static final int E820_ENTRY_SIZE = 20;

    /** Where Debian and most distributions install libxenctrl.so.4.x. */
    private static final List<Path> LIBRARY_FOLDERS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
            Path.of("/usr/lib"), Path.of("/usr/local/lib"));

    private XenCtrl xc;
    private Runtime runtime;
    private Pointer handle;

    @Override
    public Target target() {
        return Target.XEN;
    }

    /** libxenctrl and an open control interface, on first use. */
    private Pointer handle() throws KexecException {
        if (handle == null) {
            NativeAccess.require(KexecException::new);
            Path library = library("libxenctrl.so.4.");
            xc = LibraryLoader.create(XenCtrl.class).failImmediately().load(library.toString());
            runtime = Runtime.getRuntime(xc);
            handle = xc.xc_interface_open(null, null, 0);
            if (handle == null) {
                throw new KexecException("xc_interface_open failed: cannot open Xen's control interface: this must run as"
                        + " root in dom0 with the xen-privcmd module loaded and xenfs mounted on /proc/xen.", null);
            }
        }
        return handle;
    }

    /**
     * The newest installed library whose file name is {@code prefix} followed by a number (libxenctrl.so.4.17), or
     * exactly {@code prefix} when it ends in a number (libxencall.so.1): Xen's tools ship no unversioned names outside
     * their -dev packages.
     */
    static Path library(String prefix) throws KexecException {
        for (Path folder : LIBRARY_FOLDERS) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                                && f.getFileName().toString().substring(prefix.length()).matches("\\d*"))
                        .sorted(Comparator.comparing((Path f) -> version(f.getFileName().toString().substring(prefix.length()))))
                        .toList();
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1);
                }
            } catch (IOException e) {
                // A folder that cannot be listed holds nothing usable.
            }
        }
        throw new KexecException(prefix + "* is not installed (looked in " + LIBRARY_FOLDERS + "): install Xen's libraries"
                + " (Debian: libxenmisc4.17).", Errno.ENOSYS);
    }

    private static int version(String digits) {
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    /** The machine's memory map with Xen's crash region: dom0's own map is pseudo-physical. */
    MemoryMap machineMemoryMap() throws IOException {
        try {
            Pointer xch = handle();
            Pointer entries = Memory.allocateDirect(runtime, KexecLimits.E820_MAX_ENTRIES * E820_ENTRY_SIZE);
            int count = xc.xc_get_machine_memory_map(xch, entries, KexecLimits.E820_MAX_ENTRIES);
            if (count < 0) {
                throw failure("xc_get_machine_memory_map", "Xen did not give the machine memory map.");
            }
            List<MemoryRange> ranges = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long address = entries.getLong(i * E820_ENTRY_SIZE);
                long size = entries.getLong(i * E820_ENTRY_SIZE + 8);
                int type = entries.getInt(i * E820_ENTRY_SIZE + 16);
                if (size > 0) {
                    ranges.add(new MemoryRange(address, address + size - 1, typeOf(type), nameOf(type)));
                }
            }
            long[] crash = crashRange(xch);
            List<MemoryRange> crashRegions = crash[1] == 0 ? List.of()
                    : List.of(new MemoryRange(crash[0], crash[0] + crash[1] - 1, MemoryType.RESERVED, "Crash kernel"));
            return new MemoryMap(ranges, crashRegions);
        } catch (KexecException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Xen's per-CPU crash note buffers (KEXEC_RANGE_MA_CPU, one per physical CPU until Xen says EINVAL) and its
     * vmcoreinfo: under Xen the whole machine crashes, and these are what the dump tools read.
     */
    CrashSources crashSources() throws IOException {
        try {
            Pointer xch = handle();
            Pointer size = Memory.allocateDirect(runtime, 8);
            Pointer start = Memory.allocateDirect(runtime, 8);
            List<long[]> notes = new ArrayList<>();
            for (int cpu = 0; xc.xc_kexec_get_range(xch, KEXEC_RANGE_MA_CPU, cpu, size, start) == 0; cpu++) {
                notes.add(new long[] {start.getLong(0), size.getLong(0)});
            }
            Optional<long[]> vmcoreinfo = xc.xc_kexec_get_range(xch, KEXEC_RANGE_MA_VMCOREINFO, 0, size, start) == 0
                    && size.getLong(0) > 0 ? Optional.of(new long[] {start.getLong(0), size.getLong(0)}) : Optional.empty();
            return new CrashSources(notes, vmcoreinfo, Optional.empty());
        } catch (KexecException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** {@code [start, size]} of the crash region Xen reserved; size 0 without {@code crashkernel=}. */
    private long[] crashRange(Pointer xch) throws KexecException {
        Pointer size = Memory.allocateDirect(runtime, 8);
        Pointer start = Memory.allocateDirect(runtime, 8);
        if (xc.xc_kexec_get_range(xch, KEXEC_RANGE_MA_CRASH, 0, size, start) != 0) {
            throw failure("xc_kexec_get_range(KEXEC_RANGE_MA_CRASH)", "Xen did not report its crash region.");
        }
        return new long[] {start.getLong(0), size.getLong(0)};
    }

    private static MemoryType typeOf(int e820Type) {
        return switch (e820Type) {
            case 1 -> MemoryType.RAM;
            case 2 -> MemoryType.RESERVED;
            case 3 -> MemoryType.ACPI;
            case 4 -> MemoryType.NVS;
            case 7 -> MemoryType.PERSISTENT;
            default -> MemoryType.OTHER;
        };
    }

    private static String nameOf(int e820Type) {
        return switch (e820Type) {
            case 1 -> "System RAM";
            case 2 -> "Reserved";
            case 3 -> "ACPI Tables";
            case 4 -> "ACPI Non-volatile Storage";
            case 7 -> "Persistent Memory";
            default -> "e820 type " + e820Type;
        };
    }

    @Override
    public void load(KexecPlan plan) throws KexecException {
        Pointer xch = handle();
        XenCall xencall = LibraryLoader.create(XenCall.class).failImmediately().load(library("libxencall.so.1").toString());
        Pointer calls = xencall.xencall_open(null, 0);
        if (calls == null) {
            throw new KexecException("xencall_open failed: cannot open /dev/xen/hypercall for the segments' buffers: load the"
                    + " xen-privcmd module.", null);
        }
        SegmentArray array = null;
        try {
            array = SegmentArray.copied(runtime, plan.segments(), size -> {
                Pointer buffer = xencall.xencall_alloc_buffer(calls, size);
                if (buffer == null) {
                    throw new IllegalStateException("xencall_alloc_buffer(" + size + ") failed");
                }
                return buffer;
            });
            int type = plan.kind() == BootKind.CRASH ? KEXEC_TYPE_CRASH : KEXEC_TYPE_DEFAULT;
            if (xc.xc_kexec_load(xch, (byte) type, EM_X86_64, plan.entry(), plan.segments().size(), array.first()) != 0) {
                int errno = runtime.getLastError();
                Errno known = Errno.of(errno);
                throw new KexecException("xc_kexec_load(type=" + typeName(plan.kind()) + ", arch=EM_X86_64, entry="
                        + Sizes.hex(plan.entry()) + ", " + plan.segments().size() + " segments) failed: " + Errno.describe(errno)
                        + ": " + XenErrors.loadMeaning(known) + "\n" + SegmentTable.of(plan.segments()), known);
            }
        } catch (IllegalStateException e) {
            throw new KexecException(e.getMessage() + ": not enough memory locked for hypercalls to stage the segments.",
                    Errno.ENOMEM);
        } finally {
            if (array != null) {
                array.buffers().forEach(buffer -> xencall.xencall_free_buffer(calls, buffer));
            }
            xencall.xencall_close(calls);
        }
    }

    @Override
    public void loadFile(FileLoad load) throws KexecException {
        throw new KexecException("Xen has no kexec_file_load, and calling Linux's in a PV dom0 crashes the dom0 kernel:"
                + " use load kexec_load, where kboot verifies the kernel itself.", Errno.EOPNOTSUPP);
    }

    @Override
    public void exec() throws KexecException {
        Pointer xch = handle();
        xc.xc_kexec_exec(xch, KEXEC_TYPE_DEFAULT);
        int errno = runtime.getLastError();
        Errno known = Errno.of(errno);
        throw new KexecException("xc_kexec_exec(KEXEC_TYPE_DEFAULT) returned: " + Errno.describe(errno) + ": "
                + (known == Errno.ENOENT ? "Xen has no default image loaded: load one first." : XenErrors.loadMeaning(known)),
                known);
    }

    @Override
    public void unload(BootKind kind) throws KexecException {
        Pointer xch = handle();
        if (xc.xc_kexec_unload(xch, kind == BootKind.CRASH ? KEXEC_TYPE_CRASH : KEXEC_TYPE_DEFAULT) != 0) {
            throw failure("xc_kexec_unload(" + typeName(kind) + ")", XenErrors.loadMeaning(Errno.of(runtime.getLastError())));
        }
    }

    /** Binds native code: the segments go to Xen through hypercall buffers, which only a load should lock. */
    @Override
    public void rehearse(KexecPlan plan) {
        NativeAccess.prepare();
    }

    @Override
    public Status status() throws KexecException {
        Pointer xch = handle();
        int loaded = xc.xc_kexec_status(xch, KEXEC_TYPE_DEFAULT);
        int crashLoaded = loaded < 0 ? -1 : xc.xc_kexec_status(xch, KEXEC_TYPE_CRASH);
        if (loaded < 0 || crashLoaded < 0) {
            throw failure("xc_kexec_status", "Xen 4.4 or later answers KEXEC_CMD_kexec_status.");
        }
        return new Status(loaded == 1, crashLoaded == 1, crashRange(xch)[1]);
    }

    private KexecException failure(String call, String meaning) {
        int errno = runtime.getLastError();
        return new KexecException(call + " failed: " + Errno.describe(errno) + ": " + meaning, errno);
    }

    private static String typeName(BootKind kind) {
        return kind == BootKind.CRASH ? "KEXEC_TYPE_CRASH" : "KEXEC_TYPE_DEFAULT";
    }
}
