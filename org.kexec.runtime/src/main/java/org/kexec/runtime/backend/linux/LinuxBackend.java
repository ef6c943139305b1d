package org.kexec.runtime.backend.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.plan.Errno;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.spec.BootKind;

/** Linux's kexec_load(2) and reboot(2), through jnr-ffi; status from /sys/kernel. */
public final class LinuxBackend implements KexecBackend {

    static final long SYS_KEXEC_LOAD = 246;
    static final int LINUX_REBOOT_CMD_KEXEC = 0x45584543;

    private final Path sysKernel;

    /** The backend of the running kernel. */
    public LinuxBackend() {
        this(Path.of("/sys/kernel"));
    }

    /** A backend reading its status from {@code sysKernel} (a recorded copy in tests). */
    public LinuxBackend(Path sysKernel) {
        this.sysKernel = sysKernel;
    }

    /** libc, loaded on first use. */
    private static final class Native {
        static final LibC LIBC = LibraryLoader.create(LibC.class).failImmediately().load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    @Override
    public void load(KexecPlan plan) throws KexecException {
        List<Segment> segments = plan.segments();
        Runtime runtime = Native.RUNTIME;
        KexecSegmentStruct[] array = Struct.arrayOf(runtime, KexecSegmentStruct.class, segments.size());
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Pointer buffer = null;
            if (!segment.filler() && segment.bufsz() > 0) {
                buffer = Memory.allocateDirect(runtime, segment.buf().length);
                buffer.put(0, segment.buf(), 0, segment.buf().length);
            }
            array[i].buf.set(buffer);
            array[i].bufsz.set(segment.bufsz());
            array[i].mem.set(segment.mem());
            array[i].memsz.set(segment.memsz());
        }
        Pointer first = segments.isEmpty() ? null : Struct.getMemory(array[0]);
        long result = Native.LIBC.syscall(SYS_KEXEC_LOAD, plan.entry(), segments.size(), first, plan.flags());
        if (result != 0) {
            throw KexecErrors.load(plan, Errno.of(Native.RUNTIME.getLastError()), Native.RUNTIME.getLastError());
        }
    }

    @Override
    public void exec() throws KexecException {
        int result = Native.LIBC.reboot(LINUX_REBOOT_CMD_KEXEC);
        int errno = Native.RUNTIME.getLastError();
        throw KexecErrors.exec(result, Errno.of(errno), errno);
    }

    @Override
    public void unload(BootKind kind) throws KexecException {
        long flags = kind == BootKind.CRASH ? KexecPlan.KEXEC_ON_CRASH : 0;
        long result = Native.LIBC.syscall(SYS_KEXEC_LOAD, 0, 0, null, flags);
        if (result != 0) {
            int errno = Native.RUNTIME.getLastError();
            throw KexecErrors.unload(kind, Errno.of(errno), errno);
        }
    }

    @Override
    public Status status() throws KexecException {
        try {
            return new Status(flag("kexec_loaded"), flag("kexec_crash_loaded"),
                    Long.parseLong(read("kexec_crash_size")));
        } catch (NoSuchFileException e) {
            throw new KexecException(e.getFile() + " does not exist: this kernel was built without CONFIG_KEXEC.", Errno.ENOSYS);
        } catch (IOException | NumberFormatException e) {
            throw new KexecException("cannot read kexec status from " + sysKernel + ": " + e.getMessage(), null);
        }
    }

    private boolean flag(String name) throws IOException {
        return read(name).equals("1");
    }

    private String read(String name) throws IOException {
        return Files.readString(sysKernel.resolve(name)).strip();
    }
}
